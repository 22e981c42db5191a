"""`make chat` in a real pseudo-terminal: real Rasa model, real action server, real screen.

One session walks from the welcome to a plan and its download; the screen it leaves is checked
for what a person should and should not see. Two more sessions end the way a closed window
or a killed script ends them, and nothing the command started may still be listening.
"""

from __future__ import annotations

import os
import re
import signal
import time
from pathlib import Path

import psutil
import pytest
from pypdf import PdfReader
from rich.panel import Panel
from rich.pretty import Pretty

from bot.shell import answer_for, as_markdown, layout
from tests.bot.chat_session import ChatSession, listening, plain, saved_files
from tests.support.servers import MODEL

pytestmark = pytest.mark.skipif(not MODEL.exists(), reason="no trained model (make model)")

ROLE = "I'm a ward nurse and I use an AI tool that reads chest x-rays to prioritise patients"
WARNING_LINE = re.compile(
    r"Warning\b|warnings\.warn|Traceback|^\s*(DEBUG|INFO|WARNING|ERROR)\b|\d{4}-\d\d-\d\d \d\d:"
    r"|tensorflow|site-packages"
)


@pytest.fixture(scope="module")
def walk() -> ChatSession:
    """Welcome -> find my archetype -> role -> confirm (in words) -> level -> plan -> "not for
    me" and why -> summary."""
    session = ChatSession()
    session.say("1")  # Find my archetype
    session.say(ROLE)
    session.say("yes, that's me")  # the button's words, not its number
    session.marked["plan"] = session.say("1")  # New to AI
    session.marked["why not"] = session.say("6")  # was it useful? Not for me
    session.marked["thanks"] = session.say("pitched at the wrong level")
    session.marked["summary"] = session.say("send me a summary")
    yield session
    session.child.sendline("/stop")
    session.child.expect("Goodbye")
    session.hang_up()


def test_the_screen_shows_only_the_conversation(walk: ChatSession) -> None:
    noise = [line for line in plain(walk.screen).splitlines() if WARNING_LINE.search(line)]
    assert noise == []
    assert "Hello, I'm Pathfinder" in plain(walk.screen)


def test_markdown_is_rendered_not_shown_raw(walk: ChatSession) -> None:
    screen = plain(walk.screen)
    assert "**" not in screen
    assert "\x1b[1mUsers" in walk.screen  # bold, as the bot's **Users** asked
    assert "(https://" in screen and "](https://" not in screen  # links as "title (url)"
    assert " • " in screen  # a list drawn as bullets


def test_each_card_is_drawn_once(walk: ChatSession) -> None:
    screen = plain(walk.screen)
    assert screen.count("Your AI workforce archetype") == 1
    assert screen.count("It sounds as if you're mainly one of the") == 1
    assert screen.count("Your learning pathway") == 1
    assert screen.count("Here's a learning pathway for you") == 1
    assert "[archetype card]" not in screen and "[plan card]" not in screen
    assert '"type"' not in screen  # no payload printed as data


def test_buttons_are_numbered_through_the_reply(walk: ChatSession) -> None:
    plan = plain(walk.marked["plan"])
    assert re.search(r"^\s+3\. Send me a summary\s*$", plan, re.MULTILINE)
    assert "was this plan useful to you?" in plan
    assert re.search(r"^\s+6\. Not for me\s*$", plan, re.MULTILINE)
    assert "It doesn't fit my role" in plain(walk.marked["why not"])
    assert "Thank you" in plain(walk.marked["thanks"])


def test_download_saves_the_pdf_and_prints_its_path(walk: ChatSession) -> None:
    files = saved_files(walk.marked["summary"])
    assert [f.suffix for f in files] == [".pdf", ".md"]
    assert all(f.is_absolute() and f.exists() for f in files)
    text = "\n".join(page.extract_text() for page in PdfReader(files[0]).pages)
    assert "My AI learning plan" in text and "Users" in text
    assert "ward nurse" in text  # what the person said about their role, and nothing else


def _gone(port: int, pid: int) -> bool:
    """Wait (up to a minute) until nothing listens on the port and the process has ended."""
    for _ in range(120):
        if not listening(port) and not psutil.pid_exists(pid):
            return True
        time.sleep(0.5)
    return False


def _action_server(port: int) -> int:
    for process in psutil.process_iter(["cmdline"]):
        cmdline = process.info["cmdline"] or []
        if "actions.server" in cmdline and str(port) in cmdline:
            return process.pid
    raise AssertionError(f"no action server on port {port}")


def test_closing_the_window_stops_the_action_server() -> None:
    session = ChatSession()
    server = _action_server(session.port)
    assert listening(session.port)
    os.killpg(session.pid, signal.SIGHUP)  # the terminal hangs up its foreground group
    assert _gone(session.port, server)
    session.hang_up()


def test_killing_the_script_outright_stops_the_action_server() -> None:
    session = ChatSession()
    server = _action_server(session.port)
    os.kill(session.pid, signal.SIGKILL)  # no trap runs: the parent-death signal must
    assert _gone(session.port, server)
    session.hang_up()


def test_a_number_or_a_button_title_chooses_that_button() -> None:
    buttons = [{"title": "Yes, that's me", "payload": "/affirm"},
               {"title": "Not quite", "payload": "/deny"}]
    assert answer_for("2", buttons) == "/deny"
    assert answer_for(" not QUITE ", buttons) == "/deny"
    assert answer_for("3", buttons) == "3"
    assert answer_for("I'm a pharmacist", buttons) == "I'm a pharmacist"


def test_the_bots_lines_stay_lines_and_lists_stay_apart() -> None:
    text = "First line\nSecond line\n- one\n- two\nAfter the list"
    assert as_markdown(text) == "First line  \nSecond line\n- one\n- two\n\nAfter the list"


def test_a_card_is_framed_once_under_its_title(tmp_path: Path) -> None:
    card = {"type": "pathway_plan", "title": "Your learning pathway", "intro": "For you:",
            "steps": [{"order": 1, "title": "Begin", "why": "Because.", "offerings": []}]}
    messages = [
        {"custom": card},
        {"text": "Would you like to go further?", "buttons": [{"title": "A", "payload": "/a"}]},
    ]
    turn = layout(messages, tmp_path)
    assert len(turn.blocks) == 4  # the framed plan, the question, its options, the hint
    assert isinstance(turn.blocks[0], Panel) and turn.blocks[0].title == "Your learning pathway"
    assert turn.buttons == [{"title": "A", "payload": "/a"}]
    unknown = layout([{"custom": {"type": "something_else"}}], tmp_path)
    assert [type(b) for b in unknown.blocks] == [Pretty]  # shown as data, not dropped


def test_buttons_of_several_messages_are_numbered_on(tmp_path: Path) -> None:
    messages = [
        {"text": "Would you like to go further?", "buttons": [{"title": "A", "payload": "/a"},
                                                              {"title": "B", "payload": "/b"}]},
        {"text": "Was this plan useful?", "buttons": [{"title": "Useful", "payload": "/u"}]},
    ]
    turn = layout(messages, tmp_path)
    assert answer_for("3", turn.buttons) == "/u"
    assert "3. Useful" in str(turn.blocks[3])
