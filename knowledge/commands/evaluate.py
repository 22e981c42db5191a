"""`evaluate`: place every case of the workforce corpus and report how well it went.

Prints the figures for both halves and the tuning half's failures; with `--write`, also
writes the Markdown report (docs/identification.md), so no figure there is ever typed by hand.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from knowledge.catalogue.validate import DEFAULT_CONTENT_DIR

EXIT_BAD_INPUT = 2


def register(subparsers: argparse._SubParsersAction) -> None:
    cmd = subparsers.add_parser("evaluate", help="measure identification on the workforce corpus")
    cmd.add_argument("--corpus", default=None,
                     help="corpus folder (default: tests/knowledge/corpus in the repository)")
    cmd.add_argument("--content", default=str(DEFAULT_CONTENT_DIR), help="content folder")
    cmd.add_argument("--write", default=None, metavar="PATH",
                     help="also write the Markdown report here (e.g. docs/identification.md)")
    cmd.set_defaults(func=run_evaluate)


def run_evaluate(args: argparse.Namespace) -> int:
    from knowledge.catalogue.validate import ContentError, read_catalogue
    from knowledge.evaluation.corpus import DEFAULT_CORPUS_DIR, CorpusError, evaluate, load_corpus
    from knowledge.evaluation.report import markdown, summary_text

    try:
        corpus = load_corpus(args.corpus or DEFAULT_CORPUS_DIR)
        lexicon = read_catalogue(args.content).lexicon
    except CorpusError as err:
        print("\n".join(err.problems), file=sys.stderr)
        print(f"{len(err.problems)} problem(s) in the corpus; nothing was measured.",
              file=sys.stderr)
        return EXIT_BAD_INPUT
    except ContentError as err:
        print("\n".join(str(p) for p in err.problems), file=sys.stderr)
        return EXIT_BAD_INPUT
    report = evaluate(corpus, lexicon)
    print(summary_text(report))
    if args.write:
        Path(args.write).write_text(markdown(report), encoding="utf-8")
        print(f"Wrote {args.write}.")
    return 0
