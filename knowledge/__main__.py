"""Command line: `python -m knowledge check|load ...`."""

from knowledge.cli import main

raise SystemExit(main())
