"""Pure moderation logic: no Ray, Kafka, Redis or torch imports live here (tests/unit/test_layers.py checks)."""
