"""The ingest loop that keeps the delivery promises (offsets, idempotency markers, DLQ) and its Kafka/Redis I/O."""
