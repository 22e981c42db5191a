"""`rasa run` with Pathfinder's safety nets and add-ons: a store check, polite action failures.

    python -m bot.addons.rasa_run --model M --endpoints E --credentials C [other rasa run options]

1. The stores in the endpoints file are checked first (`preflight`, before Rasa is imported);
   a wrong or unreachable tracker-store or lock-store URL stops the start within seconds, with
   exit status 2 and a report naming the setting, instead of Rasa's endless retry loop.
2. Custom actions are made resilient (`resilient_actions`): if the action server is down the
   person is told so, and the conversation carries on when it is back.
3. Event classes are looked up once per type name (`event_types`), not searched per event.
4. The processor's debug-only work (deep copies, the line of slot values) is done only when
   debug lines are written (`debug_copies`).
5. A slot is copied directly, not through Python's generic copying (`slot_copies`).
6. `skops.io` is imported before Rasa (`import_skops_first`), then Rasa's own command line
   runs, unchanged.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from bot.addons import preflight

RASA_DEFAULT_ENDPOINTS = "endpoints.yml"


def endpoints_option(args: Sequence[str]) -> Path:
    """The endpoints file `rasa run` would read from these arguments."""
    for i, arg in enumerate(args):
        if arg == "--endpoints" and i + 1 < len(args):
            return Path(args[i + 1])
        if arg.startswith("--endpoints="):
            return Path(arg.split("=", 1)[1])
    return Path(RASA_DEFAULT_ENDPOINTS)


def import_skops_first() -> None:
    """Import skops.io while few modules are loaded, before Rasa brings in TensorFlow.

    Rasa's LogisticRegressionClassifier loads the model with skops, which on import looks up
    the module of every NumPy and SciPy ufunc by trying each loaded module in turn; with
    TensorFlow's thousands of modules (some resolving attributes lazily) loaded, the same imports
    took 44-98 s against 26-43 s in this order (alternating runs on the shared 2-core machine,
    load average 7-9).
    """
    import skops.io  # noqa: F401 - imported for its side effect: Rasa finds it loaded


def install() -> None:
    """Every add-on that changes how Rasa runs (the bench's in-process profile uses it too)."""
    from bot.addons import debug_copies, event_types, resilient_actions, slot_copies

    resilient_actions.install()
    event_types.install()
    debug_copies.install()
    slot_copies.install()


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    problems = preflight.check_endpoints(endpoints_option(args))
    if problems:
        print(preflight.report(problems), file=sys.stderr)
        return 2
    import_skops_first()
    install()
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", "run", *args]
    rasa_main()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
