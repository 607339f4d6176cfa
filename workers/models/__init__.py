"""Inference only (torch/transformers): detector, fast stage, cascade, judge, detoxifier and their loaders.

No Ray, Kafka or Redis imports, and nothing here trains or evaluates (tests/unit/test_layers.py checks).
"""
