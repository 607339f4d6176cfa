"""Benchmarks: each module prints its figures beside a baseline measured in the same run (`python -m bench.NAME`)."""
