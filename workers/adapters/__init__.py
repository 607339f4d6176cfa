"""Thin I/O plumbing: Kafka consumer/producer and the Redis store."""
