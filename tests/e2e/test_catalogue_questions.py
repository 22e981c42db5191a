"""The questions new users asked that used to fail, over HTTP with the real Rasa and action
servers: each gets an answer from the catalogue or the glossary, with no profile needed."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from knowledge.catalogue.snapshot import CatalogueSnapshot
from tests.e2e.test_rest_conversations import Conversation, text
from tests.support.servers import (
    Server,
    running,
    start_action_server,
    start_rasa_server,
    write_endpoints,
)

pytestmark = pytest.mark.server
PUBLIC = "https://pathfinder.example.nhs.uk"


@pytest.fixture(scope="module")
def rasa(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("questions")
    actions = start_action_server(PATHFINDER_OFFLINE="1", PATHFINDER_PUBLIC_URL=PUBLIC)
    credentials = folder / "credentials.yml"
    credentials.write_text("bot.channels.rest.PathfinderRestInput:\n")
    server = start_rasa_server(write_endpoints(folder / "endpoints.yml", actions.url), credentials)
    with running(actions, server):
        yield server


def test_courses_on_a_topic_are_listed_from_the_catalogue(
    rasa: Server, store: CatalogueSnapshot
) -> None:
    reply = text(Conversation(rasa).say("are there any courses about automation bias?"))
    report = store.offering("report1_understanding_confidence")
    assert report is not None and report.url in reply
    assert "automated assistant" not in reply


def test_a_named_programme_gets_its_details_not_the_definition_of_ai(
    rasa: Server, store: CatalogueSnapshot
) -> None:
    reply = text(Conversation(rasa).say("what does the NHS Fellowship in Clinical AI involve?"))
    fellowship = store.offering("nhs_fellowship_clinical_ai")
    ai = store.glossary_lookup("artificial intelligence")
    assert fellowship is not None and ai is not None
    assert fellowship.url in reply and ai.definition not in reply


def test_free_and_online_courses_need_no_role_first(rasa: Server) -> None:
    reply = text(Conversation(rasa).say("which courses are free and online?"))
    assert "free, online" in reply and "](https://" in reply
    assert "What do you do" not in reply


def test_where_the_advice_comes_from(rasa: Server) -> None:
    reply = text(Conversation(rasa).say("where does your advice come from?"))
    assert "Capability Framework (2023)" in reply and "Pathfinder's own reading" in reply
    assert reply.rstrip().endswith(f"{PUBLIC}/pathfinder/how-pathfinder-decides")


def test_no_product_is_named_and_the_guides_are_given(
    rasa: Server, store: CatalogueSnapshot
) -> None:
    reply = text(Conversation(rasa).say("which AI scribe should we buy?"))
    assert "can't recommend a product" in reply
    for key in ("buyers_guide_ai", "nice_evidence_standards_framework"):
        guide = store.offering(key)
        assert guide is not None and guide.url in reply


def test_a_term_inside_a_longer_question(rasa: Server, store: CatalogueSnapshot) -> None:
    reply = text(Conversation(rasa).say("so what does human in the loop actually mean for me?"))
    term = store.glossary_lookup("human in the loop")
    assert term is not None and term.definition in reply
