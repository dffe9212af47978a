"""Deterministic demo community (also the benchmark's data generator)."""
