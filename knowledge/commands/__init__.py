"""One module per `python -m knowledge` command; each defines `register(subparsers)`.

A command module adds its parser and sets `func(args) -> int` as the parser default, so new
commands plug in without editing a shared list. `register` runs for every command line, so it
must stay cheap: import heavy libraries (matplotlib, ...) inside `func`, not at module level.
"""
