"""Benchmark scripts; results go to docs/benchmarks.md. Run from the repository root."""
