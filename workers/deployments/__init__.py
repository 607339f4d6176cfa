"""Ray Serve deployments: ingest (Kafka loop), detector, detoxifier, HTTP gateway."""
