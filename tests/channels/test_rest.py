"""The REST channel's request checks and what it returns (no server: the parts themselves)."""

from __future__ import annotations

import json

import pytest

from bot.channels.limits import MAX_MESSAGE_LENGTH, TOO_LONG
from bot.channels.rest import RequestProblem, parse_request


def body(message: object, sender: object = "tester") -> bytes:
    return json.dumps({"sender": sender, "message": message}).encode()


def test_a_message_at_the_cap_is_accepted() -> None:
    text = "a" * MAX_MESSAGE_LENGTH
    assert parse_request(body(text)) == ("tester", text, {})


def test_a_message_over_the_cap_is_refused_in_the_shared_words() -> None:
    with pytest.raises(RequestProblem) as refused:
        parse_request(body("a" * (MAX_MESSAGE_LENGTH + 1)))
    assert (refused.value.status, refused.value.code) == (413, "too_long")
    assert refused.value.message == TOO_LONG


def test_the_cap_counts_the_text_once_control_characters_are_removed() -> None:
    text = "a" * MAX_MESSAGE_LENGTH
    assert parse_request(body(text + "\x00\x07"))[1] == text
