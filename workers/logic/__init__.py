"""Pure moderation logic: no Ray, Kafka or Redis imports live here (tests/unit/test_purity.py checks)."""
