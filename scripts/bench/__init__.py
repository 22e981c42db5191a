"""`make bench`: Pathfinder against a bare Rasa bot on the same pipeline, written to
docs/benchmarks.md. Run as `python -m scripts.bench --model models/pathfinder.tar.gz`."""
