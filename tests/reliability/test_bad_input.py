"""Hostile and broken input over REST and the web widget's socket.io channel.

Each case gets a 4xx with a clear message or a graceful reply; the server stays up; and a
"canary" conversation, asked a question at the same moment, keeps its slots and answers right.
One Rasa server (strict REST channel + widget channel, Redis lock store, started by
`bot.addons.rasa_run`) and one action server for the module.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import pytest
import requests

from bot.channels.limits import MAX_MESSAGE_LENGTH
from knowledge.catalogue.loader import load
from knowledge.people.identity import rest_conversation
from knowledge.storage.db import make_engine
from tests.reliability.support import (
    ROLE,
    STRICT_REST,
    Chat,
    WidgetClient,
    card,
    start_pathfinder,
    texts,
)
from tests.support.redis import shared_redis
from tests.support.servers import Server, start_action_server, write_endpoints

pytestmark = pytest.mark.server

CREDENTIALS = f"""\
{STRICT_REST}:
bot.channels.widget.WidgetInput:
  session_persistence: true
"""
SECRET = "reliability-widget-secret-" + "0123456789abcdef" * 2
SQL_INJECTION = "'; DROP TABLE events; -- what is ' OR '1'='1"
HTML = "<script>alert('x')</script><img src=x onerror=alert(1)> I'm a nurse using <b>AI</b>"
EMOJI = "🤖🩻 I'm a 👩‍⚕️ radiographer and we use an AI tool 🦴 that flags fractures 👍🏽"
RTL = "أنا ممرضة وأستخدم أداة ذكاء اصطناعي. אני אחות ומשתמשת בבינה מלאכותית"
ZERO_WIDTH = "what is auto\u200bmation\u200d bias\ufeff?\u2066\u2069"
CONTROL = "hello\x00\x07\x1b[31m\x7f"


@dataclass
class Canary:
    chat: Chat
    first_step: str

    def check(self) -> None:
        """Ask the plan's first step; the answer and the slots must be as before."""
        assert self.first_step in texts(self.chat.say("what should I do first?"))
        slots = self.chat.slots()
        assert slots["archetypes"] == ["users"] and slots["familiarity"] == "new"


@pytest.fixture(scope="module")
def rasa(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("bad-input")
    knowledge_url = f"sqlite:///{folder / 'knowledge.db'}"
    load(make_engine(knowledge_url))
    actions = start_action_server(KNOWLEDGE_DB_URL=knowledge_url)
    credentials = folder / "credentials.yml"
    credentials.write_text(CREDENTIALS)
    lock_store = "lock_store:\n  type: bot.addons.lock_store.AtomicRedisLockStore\n" \
        f"  url: {shared_redis().fresh_url()}\n"
    try:
        server = start_pathfinder(
            write_endpoints(folder / "endpoints.yml", actions.url, lock_store), credentials,
            extra_args=["--enable-api"], PATHFINDER_WIDGET_SECRET=SECRET,
        )
    except Exception:
        actions.stop()
        raise
    try:
        yield server
    finally:
        server.stop()
        actions.stop()


@pytest.fixture(scope="module")
def canary(rasa: Server) -> Canary:
    chat = Chat(rasa.url, "canary")
    chat.say("hello")
    assert card(chat.say(ROLE), "archetype_result")["primary"] == "users"
    chat.say("yes")
    plan = card(chat.say('/inform_familiarity{"familiarity": "new"}'), "pathway_plan")
    return Canary(chat, plan["steps"][0]["title"])


def alongside(canary: Canary, attack: Any) -> Any:
    """Run `attack()` and a canary turn at the same time; the attack's result."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        attacked = pool.submit(attack)
        checked = pool.submit(canary.check)
        checked.result(timeout=120)
        return attacked.result(timeout=120)


def post(rasa: Server, body: bytes, **kwargs: Any) -> requests.Response:
    return requests.post(f"{rasa.url}/webhooks/rest/webhook", data=body,
                         headers={"Content-Type": "application/json"}, timeout=60, **kwargs)


def as_json(value: Any) -> bytes:
    return json.dumps(value).encode()


SENDER = "attacker-1"
REFUSED = {
    "empty message": (as_json({"sender": SENDER, "message": ""}), 400, "bad_message"),
    "whitespace only": (as_json({"sender": SENDER, "message": " \n\t "}), 400, "bad_message"),
    "10,000 characters": (as_json({"sender": SENDER, "message": "I am a nurse. " * 715}), 413,
                          "too_long"),
    "1 MB body": (b'{"sender": "a", "message": "' + b"x" * 1_000_000 + b'"}', 413,
                  "too_large"),
    "invalid JSON": (b'{"sender": "a", "message": ', 400, "bad_json"),
    "JSON array": (as_json([{"sender": SENDER, "message": "hi"}]), 400, "bad_request"),
    "message is a number": (as_json({"sender": SENDER, "message": 42}), 400, "bad_message"),
    "message is a list": (as_json({"sender": SENDER, "message": ["hi"]}), 400, "bad_message"),
    "message missing": (as_json({"sender": SENDER}), 400, "bad_message"),
    "sender missing": (as_json({"message": "send me a summary"}), 400, "bad_sender"),
    "sender is a number": (as_json({"sender": 7, "message": "hi"}), 400, "bad_sender"),
    "sender too long": (as_json({"sender": "s" * 500, "message": "hi"}), 400, "bad_sender"),
    "metadata not an object": (as_json({"sender": SENDER, "message": "hi", "metadata": "x"}),
                               400, "bad_metadata"),
    "invalid UTF-8": (b'{"sender": "a", "message": "\xff\xfe hi \xc3\x28"}', 400,
                      "bad_encoding"),
}


@pytest.mark.parametrize("case", list(REFUSED))
def test_rest_refuses_bad_requests_clearly(rasa: Server, canary: Canary, case: str) -> None:
    body, status, code = REFUSED[case]
    response = alongside(canary, lambda: post(rasa, body))
    assert response.status_code == status, response.text
    error = response.json()
    assert error["error"] == code and error["message"].endswith((".", "!"))
    assert requests.get(rasa.url, timeout=10).status_code == 200


def test_anonymous_callers_do_not_share_a_conversation(rasa: Server) -> None:
    post(rasa, as_json({"message": "I'm a data scientist building models"}))
    tracker = requests.get(f"{rasa.url}/conversations/default/tracker", timeout=30).json()
    assert not [e for e in tracker["events"] if e["event"] == "user"]


GRACEFUL = {
    "emoji": EMOJI,
    "right-to-left text": RTL,
    "zero-width characters": ZERO_WIDTH,
    "control characters": CONTROL,
    "HTML and script": HTML,
    "SQL injection": SQL_INJECTION,
    "longest allowed message": "I use AI in my clinic. " * (MAX_MESSAGE_LENGTH // 24),
    "entity injection": '/inform_familiarity{"familiarity": "<script>alert(1)</script>"}',
    "unknown intent payload": '/drop_database{"archetypes": ["root"]}',
}


@pytest.mark.parametrize("case", list(GRACEFUL))
def test_rest_answers_odd_text_gracefully(rasa: Server, canary: Canary, case: str) -> None:
    chat = Chat(rasa.url, "odd")
    replies = alongside(canary, lambda: chat.say(GRACEFUL[case]))
    assert all(m["recipient_id"] == chat.sender for m in replies)
    assert all(m.get("text") or m.get("custom") or m.get("buttons") for m in replies)
    assert requests.get(rasa.url, timeout=10).status_code == 200


def test_control_characters_are_removed_before_rasa(rasa: Server) -> None:
    chat = Chat(rasa.url, "ctl")
    assert "Pathfinder" in texts(chat.say("hello\x00\x07"))
    conversation = quote(rest_conversation(chat.sender), safe=":")
    tracker = requests.get(f"{rasa.url}/conversations/{conversation}/tracker", timeout=30).json()
    said = [e["text"] for e in tracker["events"] if e["event"] == "user"]
    assert said == ["hello"]


def test_sql_injection_leaves_the_stores_intact(rasa: Server, canary: Canary) -> None:
    chat = Chat(rasa.url, "sql")
    chat.say(SQL_INJECTION)
    chat.say("what is ' OR 1=1; DROP TABLE glossary_terms; --")
    assert "Automation bias" in texts(chat.say("what is automation bias?"))
    canary.check()


def test_stream_mode_still_works(rasa: Server) -> None:
    body = as_json({"sender": "stream-1", "message": "hello"})
    response = post(rasa, body, params={"stream": "true"})
    assert response.status_code == 200
    lines = [json.loads(line) for line in response.text.splitlines() if line.strip()]
    assert lines and "Pathfinder" in lines[0]["text"]


BUTTONS = [
    "/affirm", "/deny", "/partly", "/start_assessment", "/list_archetypes", "/help",
    '/inform_familiarity{"familiarity": "new"}', '/inform_familiarity{"familiarity": "bogus"}',
    "/request_summary", "/restart",
]


def test_burst_of_button_clicks(rasa: Server, canary: Canary) -> None:
    chat = Chat(rasa.url, "burst")
    chat.say(ROLE)
    clicks = [BUTTONS[i % len(BUTTONS)] for i in range(60)]
    with ThreadPoolExecutor(max_workers=20) as pool:
        responses = list(pool.map(lambda text: chat.post(text, timeout=120), clicks))
    assert {r.status_code for r in responses} == {200}
    canary.check()
    assert "Pathfinder" in texts(chat.say("hello"))


# -- the web widget's socket.io channel -------------------------------------------------------

WIDGET_REFUSED = {
    "empty message": {"message": ""},
    "whitespace only": {"message": " \n\t "},
    "10,000 characters": {"message": "I am a nurse. " * 715},
    "message is a number": {"message": 42},
    "message is a list": {"message": ["hi"]},
    "message is bytes": {"message": b"\xff\xfe hi"},
    "not an object": "hello",
    "raw invalid UTF-8 bytes": b"\xff\xfe\xc3\x28",
}


@pytest.mark.parametrize("case", list(WIDGET_REFUSED))
def test_widget_refuses_bad_messages(rasa: Server, canary: Canary, case: str) -> None:
    client = WidgetClient(rasa.url)
    try:
        def attack() -> tuple[str, Any]:
            client.send(WIDGET_REFUSED[case])
            return client.next_event()

        name, data = alongside(canary, attack)
        assert name == "pathfinder_error" and data["code"] == "bad_message", (name, data)
        client.send({"message": "hello"})
        assert client.next_event()[0] == "bot_uttered"
    finally:
        client.close()


def test_widget_oversized_packet_drops_only_that_socket(rasa: Server, canary: Canary) -> None:
    client = WidgetClient(rasa.url)
    try:
        alongside(canary, lambda: client.send({"message": "x" * 1_100_000}))
        for _ in range(100):
            if not client.connected or not client.events.empty():
                break
            client.client.sleep(0.1)
        assert not client.connected and client.events.empty()
    finally:
        client.close()
    other = WidgetClient(rasa.url)
    try:
        other.send({"message": "hello"})
        assert other.next_event()[0] == "bot_uttered"
    finally:
        other.close()


@pytest.mark.parametrize("case", ["emoji", "right-to-left text", "zero-width characters",
                                  "control characters", "HTML and script", "SQL injection"])
def test_widget_answers_odd_text_gracefully(rasa: Server, canary: Canary, case: str) -> None:
    client = WidgetClient(rasa.url)
    try:
        def attack() -> tuple[str, Any]:
            client.send({"message": GRACEFUL[case]})
            return client.next_event()

        name, data = alongside(canary, attack)
        assert name == "bot_uttered" and (data.get("text") or data.get("custom")), (name, data)
    finally:
        client.close()


def test_widget_burst_of_button_clicks(rasa: Server, canary: Canary) -> None:
    client = WidgetClient(rasa.url)
    try:
        for i in range(60):
            client.send({"message": BUTTONS[i % len(BUTTONS)]})
        canary.check()
        assert client.next_event(timeout=60)[0] == "bot_uttered"
    finally:
        client.close()
    assert requests.get(rasa.url, timeout=10).status_code == 200
