"""Links the bot sends start from the configured public address, never a guessed localhost."""

from __future__ import annotations

import logging

import pytest

from actions.greet import ActionGreet
from actions.privacy_notice import ActionPrivacyNotice
from knowledge.catalogue.snapshot import CatalogueSnapshot
from knowledge.storage.public import PUBLIC_URL_ENV, privacy_url, public_url
from tests.actions.helpers import make_tracker, run
from tests.insights.seeding import card_with_links, plan_payload

PUBLIC = "https://pathfinder.example.nhs.uk"


def test_the_configured_address_is_used_as_given() -> None:
    assert public_url({PUBLIC_URL_ENV: f" {PUBLIC}/ "}) == PUBLIC
    assert privacy_url({PUBLIC_URL_ENV: PUBLIC}) == f"{PUBLIC}/pathfinder/privacy"
    assert public_url({PUBLIC_URL_ENV: "https://intranet.example.nhs.uk/pathfinder"}) == (
        "https://intranet.example.nhs.uk/pathfinder")  # behind a path on the intranet


@pytest.mark.parametrize("raw", ["pathfinder.example.nhs.uk", "ftp://x.nhs.uk", "https://",
                                 "https://x.nhs.uk/?a=1"])
def test_an_address_that_is_not_one_is_refused_with_the_settings_name(
    raw: str, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        assert public_url({PUBLIC_URL_ENV: raw}) is None
    assert PUBLIC_URL_ENV in caplog.text


def test_unset_means_no_link_rather_than_localhost() -> None:
    assert public_url({}) is None and privacy_url({}) is None


@pytest.fixture
def unset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(PUBLIC_URL_ENV, raising=False)


async def test_without_an_address_course_links_go_to_the_provider(
    store: CatalogueSnapshot, unset: None
) -> None:
    tracked = card_with_links(plan_payload(store, ["users"], "new"), "slack")
    offerings = [o for step in tracked["steps"] for o in step["offerings"]]
    assert offerings and all("tracked_url" not in o for o in offerings)
    greeting = (await run(ActionGreet(), make_tracker("hello", "greet"))).text
    assert "Privacy:" in greeting and "localhost" not in greeting and "Notice:" not in greeting


async def test_without_an_address_the_privacy_slot_is_empty(unset: None) -> None:
    out = await run(ActionPrivacyNotice(), make_tracker("what do you store?", "ask_privacy"))
    assert out.slots["privacy_url"] is None


async def test_every_link_uses_the_configured_address(
    store: CatalogueSnapshot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(PUBLIC_URL_ENV, PUBLIC)
    tracked = card_with_links(plan_payload(store, ["users"], "new"), "teams")
    links = [o["tracked_url"] for step in tracked["steps"] for o in step["offerings"]]
    assert links and all(link.startswith(f"{PUBLIC}/webhooks/links/go/") for link in links)
    greeting = (await run(ActionGreet(), make_tracker("hello", "greet"))).text
    assert f"Notice: {PUBLIC}/pathfinder/privacy" in greeting
    out = await run(ActionPrivacyNotice(), make_tracker("what do you store?", "ask_privacy"))
    assert out.slots["privacy_url"] == f"{PUBLIC}/pathfinder/privacy"
