"""Tracked offering links on a real Rasa server: redirect, record, and refuse unknown keys."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from sqlalchemy import select

from knowledge.catalogue.store import KnowledgeStore
from knowledge.insights.events import insight_events
from knowledge.storage.db import make_engine
from tests.support.servers import Server, free_port, start_rasa_server, write_endpoints

pytestmark = pytest.mark.server


class Bot:
    server: Server
    db_url: str


@pytest.fixture(scope="module")
def bot(catalogue_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Bot]:
    folder = tmp_path_factory.mktemp("links")
    shutil.copyfile(catalogue_file, folder / "knowledge.db")
    result = Bot()
    result.db_url = f"sqlite:///{folder / 'knowledge.db'}"
    credentials = folder / "credentials.yml"
    credentials.write_text(f"bot.channels.links.LinkTracker:\n  db: {result.db_url}\n")
    # no action server: nothing here runs an action, the endpoint only has to be valid
    endpoints = write_endpoints(folder / "endpoints.yml", f"http://127.0.0.1:{free_port()}")
    result.server = start_rasa_server(endpoints, credentials)
    yield result
    result.server.stop()


def _follows(bot: Bot) -> list[tuple[list[str], str]]:
    engine = make_engine(bot.db_url)
    with engine.connect() as conn:
        rows = conn.execute(
            select(insight_events.c.offerings, insight_events.c.channel).where(
                insight_events.c.kind == "offering_followed"
            )
        ).all()
    engine.dispose()
    return sorted((list(o), c) for o, c in rows)


def _go(bot: Bot, path: str, **headers: str) -> requests.Response:
    return requests.get(
        f"{bot.server.url}/webhooks/links/go/{path}", allow_redirects=False, timeout=10,
        headers=headers,
    )


def test_a_link_redirects_to_the_offering_and_is_counted(bot: Bot) -> None:
    offering = KnowledgeStore(make_engine(bot.db_url)).snapshot().all_offerings()[0]
    before = _follows(bot)
    reply = _go(bot, f"{offering.key}?channel=teams")
    assert reply.status_code == 302
    assert reply.headers["Location"] == offering.url
    assert reply.headers["Cache-Control"] == "no-store"
    assert _follows(bot) == sorted([*before, ([offering.key], "teams")])


def test_an_unknown_offering_is_a_clear_404(bot: Bot) -> None:
    before = _follows(bot)
    for path in ("no_such_course?channel=slack", "Robert'); DROP TABLE offerings;--"):
        reply = _go(bot, path)
        assert reply.status_code == 404
        assert "isn't in Pathfinder's catalogue" in reply.text
        assert "Location" not in reply.headers
    assert _follows(bot) == before


def test_link_previews_redirect_without_counting(bot: Bot) -> None:
    offering = KnowledgeStore(make_engine(bot.db_url)).snapshot().all_offerings()[-1]
    before = _follows(bot)
    reply = _go(bot, f"{offering.key}?channel=slack",
                **{"User-Agent": "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)"})
    assert reply.status_code == 302 and reply.headers["Location"] == offering.url
    assert _follows(bot) == before


def test_an_odd_channel_is_recorded_as_other(bot: Bot) -> None:
    offering = KnowledgeStore(make_engine(bot.db_url)).snapshot().all_offerings()[0]
    before = _follows(bot)
    assert _go(bot, f"{offering.key}?channel=<script>").status_code == 302
    assert _follows(bot) == sorted([*before, ([offering.key], "other")])
