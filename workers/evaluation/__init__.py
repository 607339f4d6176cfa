"""Evaluations behind the README's figures: detector report, safe-answer report, attack success rate."""
