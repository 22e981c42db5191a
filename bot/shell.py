"""Chat with Pathfinder in a terminal: only the conversation on screen, drawn with rich.

    python -m bot.shell --model M --endpoints E

The model runs in this process (no HTTP server of its own); custom actions go to the action
server named in the endpoints file. What the screen shows:

* the bot's Markdown as a terminal shows it: bold, lists, links as "title (url)";
* a card (archetype result, plan, hand-off, plan file) drawn once, as one framed block of
  the text every plain channel shows for it (bot.channels.card_text);
* buttons numbered through the reply (a plan's next steps, then "was this useful?"),
  answered by number, by the button's words or by anything else typed;
* "download my plan" saves the PDF and the Markdown and prints where.

Libraries' start-up chatter (deprecation warnings, TensorFlow's notes, Rasa's debug log) is
silenced by category and logger before they are imported; anything else they warn about, and
every real error, still reaches stderr.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import logging
import os
import re
import readline  # noqa: F401 - line editing and history for the prompt
import sys
import uuid
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console, RenderableType
from rich.markdown import Markdown
from rich.panel import Panel
from rich.pretty import Pretty
from rich.text import Text

from bot.channels import cards
from bot.channels.card_text import text_of

SAVE_DIR = Path("artifacts")
CHANNEL = "cmdline"
START = "/greet"
STOP_WORDS = ("/stop", "/quit", "/exit")
PROMPT = "[bold magenta]You:[/] "
HINT = "Type a number, or answer in your own words."
GOODBYE = "Goodbye."
LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+\.)\s")

# Start-up noise from Rasa's dependencies, by (category, module the warning is raised in).
QUIET_WARNINGS: tuple[tuple[type[Warning], str], ...] = (
    (DeprecationWarning, ""),  # old APIs used by TensorFlow, jax, Sanic and importlib shims
    (PendingDeprecationWarning, ""),
    (FutureWarning, r"(tensorflow|keras|sklearn|rasa)"),
    (UserWarning, r"rasa\.shared\.core\.slot_mappings"),  # "slot auto-fill removed in 3.0"
)
QUIET_LOGGERS = ("rasa", "rasa_sdk", "sanic", "apscheduler", "urllib3", "asyncio", "absl",
                 "tensorflow", "matplotlib", "py.warnings")
QUIET_ENV = {
    "TF_CPP_MIN_LOG_LEVEL": "3",  # TensorFlow's C++ start-up notes
    "SQLALCHEMY_SILENCE_UBER_WARNING": "1",  # Rasa 3.6 uses the SQLAlchemy 1.4 API
    "RASA_TELEMETRY_ENABLED": "false",
}


def quiet_libraries() -> None:
    """Silence the libraries' known start-up warnings and chatter; errors still show."""
    for name, value in QUIET_ENV.items():
        os.environ.setdefault(name, value)
    _ignore_known_warnings()
    import sanic  # noqa: F401 - it turns every DeprecationWarning back on when imported

    _ignore_known_warnings()  # so these filters go back in front of Sanic's
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr,
                        format="%(levelname)s %(name)s: %(message)s")
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.ERROR)


def _ignore_known_warnings() -> None:
    from pyparsing.warnings import PyparsingDeprecationWarning  # matplotlib's old calls
    from sqlalchemy.exc import MovedIn20Warning  # Rasa 3.6 on the SQLAlchemy 1.4 API

    for category, module in QUIET_WARNINGS:
        warnings.filterwarnings("ignore", category=category, module=module)
    for category in (PyparsingDeprecationWarning, MovedIn20Warning):
        warnings.filterwarnings("ignore", category=category)


def as_markdown(text: str) -> str:
    """The bot's line-by-line text as Markdown: each line kept as a line, lists kept apart."""
    out: list[str] = []
    after_item = False
    for line in text.splitlines():
        item = bool(LIST_ITEM.match(line))
        if out and line.strip() and out[-1].strip():
            if after_item and not item and not line.startswith("  "):
                out.append("")  # a sentence after a list is a new paragraph
            elif not after_item and not item:
                out[-1] += "  "  # a hard line break, as the bot wrote it
        out.append(line)
        after_item = item or (after_item and line.startswith("  "))
    return "\n".join(out)


def markdown(text: str) -> Markdown:
    return Markdown(as_markdown(text), hyperlinks=False)


def save_plan(summary: dict[str, Any], directory: Path = SAVE_DIR) -> list[Path]:
    """Write the plan's PDF and Markdown files; returns their paths (PDF first)."""
    directory.mkdir(parents=True, exist_ok=True)
    saved = []
    pdf = summary.get("pdf")
    if isinstance(pdf, dict) and pdf.get("base64"):
        path = directory / Path(str(pdf.get("filename") or "pathfinder-plan.pdf")).name
        path.write_bytes(base64.b64decode(pdf["base64"]))
        saved.append(path)
    if summary.get("content"):
        path = directory / Path(str(summary.get("filename") or "pathfinder-plan.md")).name
        path.write_text(str(summary["content"]), encoding="utf-8")
        saved.append(path)
    return saved


def answer_for(typed: str, buttons: Sequence[dict[str, Any]]) -> str:
    """What to send for a typed reply: a button's payload for its number or words, else the text."""
    choice = typed.strip()
    if choice.isdigit() and 1 <= int(choice) <= len(buttons):
        return str(buttons[int(choice) - 1]["payload"])
    for button in buttons:
        if choice.casefold() == str(button.get("title", "")).strip().casefold():
            return str(button["payload"])
    return choice


@dataclass
class Turn:
    """What one reply puts on screen, and the buttons it leaves to answer."""

    blocks: list[RenderableType] = field(default_factory=list)
    buttons: list[dict[str, Any]] = field(default_factory=list)


def layout(messages: Sequence[dict[str, Any]], save_dir: Path = SAVE_DIR) -> Turn:
    """The screen blocks for a reply's messages, each card framed once."""
    turn = Turn()
    for message in messages:
        custom = message.get("custom")
        if isinstance(custom, dict):
            turn.blocks += _card(custom, save_dir)
            continue
        if message.get("text"):
            turn.blocks.append(markdown(str(message["text"])))
        if message.get("buttons"):
            turn.blocks.append(_options(message["buttons"], first=len(turn.buttons) + 1))
            turn.buttons += list(message["buttons"])
        if message.get("image"):
            turn.blocks.append(Text(f"Image: {message['image']}"))
    if turn.buttons:
        turn.blocks.append(Text(HINT, style="dim"))
    return turn


def _options(buttons: Sequence[dict[str, Any]], first: int) -> Text:
    """A message's buttons, numbered on from the reply's earlier ones."""
    options = Text()
    for number, button in enumerate(buttons, start=first):
        options.append(f"  {number}. ", style="bold cyan")
        options.append(f"{button.get('title', button.get('payload'))}")
        options.append("\n" if number < first + len(buttons) - 1 else "")
    return options


def _card(custom: dict[str, Any], save_dir: Path) -> list[RenderableType]:
    """A card framed under its title; the plan to keep is its document, then where it went."""
    card = cards.read(custom)
    if card is None:  # a payload this terminal has no drawing for: show its data
        return [Pretty(custom)]
    body = markdown(text_of(card, titled=False) or "")
    if not isinstance(card, cards.SummaryCard):
        return [Panel(body, title=card.title, title_align="left", border_style="blue")]
    saved = "\n".join(f"Saved: {path.resolve()}" for path in save_plan(custom, save_dir))
    note = Text(saved or "There was no file to save.", style="bold green")
    return [body, Panel(note, title=card.title, title_align="left", border_style="blue")]


class Shell:
    """The conversation loop: read a line, hand it to the agent, draw the reply."""

    def __init__(
        self, agent: Any, console: Console, sender_id: str, loop: asyncio.AbstractEventLoop
    ) -> None:
        self.agent = agent
        self.console = console
        self.sender_id = sender_id
        self.loop = loop  # the one the agent was loaded in: its connections belong to it

    def reply(self, text: str) -> Turn:
        from rasa.core.channels.channel import UserMessage

        output = _whole_messages_output()
        message = UserMessage(text, output, self.sender_id, input_channel=CHANNEL)
        self.loop.run_until_complete(self.agent.handle_message(message))
        return layout(output.messages)

    def show(self, turn: Turn) -> None:
        for block in turn.blocks:
            self.console.print(block)
        self.console.print()

    def run(self) -> None:
        turn = self.reply(START)
        while True:
            self.show(turn)
            try:
                typed = self.console.input(PROMPT)
            except (EOFError, KeyboardInterrupt):
                break
            if typed.strip().lower() in STOP_WORDS:
                break
            if not typed.strip():
                turn = Turn(buttons=turn.buttons)
                continue
            turn = self.reply(answer_for(typed, turn.buttons))
        self.console.print(f"\n{GOODBYE}")


def _whole_messages_output() -> Any:
    """Rasa's collecting channel, but keeping each text whole (Rasa splits at blank lines)."""
    from rasa.core.channels.channel import CollectingOutputChannel

    class WholeMessages(CollectingOutputChannel):
        async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
            await self._persist_message(self._message(recipient_id, text=text))

    return WholeMessages()


def load_agent(model: str, endpoints: str, loop: asyncio.AbstractEventLoop) -> Any:
    """The trained model with the endpoints (action server, stores), in this process."""
    from rasa.core.agent import load_agent as rasa_load_agent
    from rasa.core.utils import AvailableEndpoints
    from rasa.utils.log_utils import configure_structlog

    from bot.addons.resilient_actions import install

    configure_structlog(logging.ERROR)
    install()  # a down action server gets a clear reply instead of silence
    available = AvailableEndpoints.read_endpoints(endpoints)
    agent = loop.run_until_complete(rasa_load_agent(model_path=model, endpoints=available))
    if agent is None or not agent.is_ready():
        raise SystemExit(f"Could not load the model {model}: run `make model` first.")
    return agent


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="models/pathfinder.tar.gz")
    parser.add_argument("--endpoints", default="bot/endpoints.yml")
    args = parser.parse_args(argv)
    quiet_libraries()
    console = Console(highlight=False)
    loop = asyncio.new_event_loop()
    try:
        with console.status("Starting Pathfinder..."):
            agent = load_agent(args.model, args.endpoints, loop)
        Shell(agent, console, uuid.uuid4().hex, loop).run()
    finally:
        loop.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
