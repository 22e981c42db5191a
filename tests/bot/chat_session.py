"""`scripts/chat.sh` (what `make chat` runs) in a real pseudo-terminal, and what it shows."""

from __future__ import annotations

import re
import signal
import socket
from pathlib import Path

import pexpect

from tests.support.servers import MODEL, REPO, base_env, free_port

PROMPT = "You:"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07|\r")
WIDTH = 100


def plain(screen: str) -> str:
    """The screen's text without colour and cursor codes."""
    return ANSI.sub("", screen)


class ChatSession:
    """One `make chat` session: type lines, read back everything the terminal showed."""

    def __init__(self, **env: str) -> None:
        self.port = free_port()
        self.child = pexpect.spawn(
            "bash", ["scripts/chat.sh", str(MODEL)], cwd=str(REPO),
            env=base_env(ACTIONS_PORT=str(self.port), PATHFINDER_OFFLINE="1", **env),
            encoding="utf-8", codec_errors="replace", timeout=240, dimensions=(50, WIDTH),
            preexec_fn=_as_a_terminal_starts_it,
        )
        self.screen = ""  # everything shown so far, colour codes included
        self.replies: list[str] = []  # what each reply showed, in order
        self.marked: dict[str, str] = {}  # replies a test names, e.g. "plan"
        self.wait()

    def wait(self) -> str:
        """Everything shown until the next prompt (the bot's reply)."""
        self.child.expect(PROMPT)
        shown = self.child.before or ""
        self.screen += shown + PROMPT
        self.replies.append(shown)
        return shown

    def say(self, text: str) -> str:
        self.child.sendline(text)
        return self.wait()

    @property
    def pid(self) -> int:
        return self.child.pid

    def hang_up(self) -> None:
        """What closing the terminal window does: the terminal goes away (SIGHUP)."""
        self.child.close(force=True)


def _as_a_terminal_starts_it() -> None:
    """A terminal starts its shell able to hear a hang-up. A test run under `nohup` ignores
    SIGHUP, and an ignored signal stays ignored in every child, where no trap can catch it."""
    signal.signal(signal.SIGHUP, signal.SIG_DFL)


def listening(port: int) -> bool:
    """True while something accepts connections on the loopback port."""
    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def saved_files(screen: str) -> list[Path]:
    return [Path(p.strip()) for p in re.findall(r"Saved: (\S+)", plain(screen))]



