"""protector's code, in layers that import only downward (README "Where things are"; tests/unit/test_layers.py)."""
