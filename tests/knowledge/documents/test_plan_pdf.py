"""The plan as a PDF, read back: what an appraisal portfolio needs is there, and links work."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import date

import pytest
from pypdf import PdfReader

from knowledge.catalogue.snapshot import CatalogueSnapshot
from knowledge.documents.plan_pdf import PlanDocument, latin1, plan_pdf
from knowledge.engines.advisor import identify, plan
from tests.support.step_reasons import check_covers_the_cases, expected, two_archetype_plan

FOOTER = re.compile(r"^My AI learning plan - page \d+ of \d+$", re.MULTILINE)
AREAS = "Capability areas"
ROLE = "I'm a radiographer and we've just started using an AI tool that flags fractures"


@dataclass(frozen=True)
class Contact:
    team: str = "the digital learning team at Example NHS Trust"
    email: str | None = "learning@example.nhs.uk"
    url: str | None = "https://intranet.example.nhs.uk/learning"


def read_back(pdf: bytes) -> tuple[str, list[str]]:
    """All the text (without the page footers) and every link's target, in page order."""
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    text = FOOTER.sub("", text)
    links = [
        annotation.get_object()["/A"]["/URI"]
        for page in reader.pages
        for annotation in page.get("/Annots") or []
        if "/A" in annotation.get_object()
    ]
    return text, links


@pytest.fixture(scope="module")
def document(store: CatalogueSnapshot) -> PlanDocument:
    profile = identify(store, ROLE)
    result = plan(store, profile, "some")
    return PlanDocument(
        created=date(2026, 12, 1),
        help=Contact(),
        profile=profile.to_payload(),
        plan=result.to_payload(),
        familiarity="some",
        role_text=ROLE,
    )


def test_it_is_a_pdf_with_a_title(document: PlanDocument) -> None:
    pdf = plan_pdf(document)
    assert pdf.startswith(b"%PDF-")
    assert PdfReader(io.BytesIO(pdf)).metadata.title == "My AI learning plan"


def test_the_archetypes_and_why(document: PlanDocument) -> None:
    text, _ = read_back(plan_pdf(document))
    assert "My AI workforce archetypes" in text
    for item in document.profile["archetypes"]:
        assert item["name"] in text
        for reason in item["evidence"]:
            assert latin1(reason[:1].upper() + reason[1:]) in text.replace("\n", " ")


def reasons_read(step: dict) -> str:
    """The step's title, lead, headings and bullets as the PDF reads, in order."""
    said = [f"Step {step['order']}. {step['title']}"]
    said += [f"- {words}" if kind == "point" else words for kind, words in expected(step)]
    return " ".join(latin1(" ".join(said)).split())


def test_every_step_with_its_needs_and_every_offering_with_its_facts(
    document: PlanDocument,
) -> None:
    text, links = read_back(plan_pdf(document))
    flat = " ".join(text.split())
    for step in document.plan["steps"]:
        assert reasons_read(step) + f" {AREAS}:" in flat
        for offering in step["offerings"]:
            assert " ".join(latin1(offering["title"]).split()) in flat
            assert latin1(offering["provider"]) in flat
            assert f"level {offering['level']}" in flat
            assert offering["url"] in links
            assert offering["url"] in flat.replace(" ", "")  # printed too, for a paper copy


def test_each_step_lists_its_needs_under_a_heading_per_archetype(
    store: CatalogueSnapshot,
) -> None:
    steps = two_archetype_plan(store)["steps"]
    check_covers_the_cases(steps)
    text, _ = read_back(plan_pdf(PlanDocument(created=date(2026, 12, 1), help=Contact(),
                                              plan={"steps": steps})))
    flat = " ".join(text.split())
    for step in steps:
        assert reasons_read(step) + f" {AREAS}:" in flat, step["title"]
    for step in steps:  # a plan saved before steps carried their reasons keeps its why
        step.pop("lead", None)
        step.pop("reasons")
    text, _ = read_back(plan_pdf(PlanDocument(created=date(2026, 12, 1), help=Contact(),
                                              plan={"steps": steps})))
    flat = " ".join(text.split())
    for step in steps:
        said = f"Step {step['order']}. {step['title']} {step['why']} {AREAS}:"
        assert " ".join(latin1(said).split()) in flat


def test_the_date_role_and_where_to_get_help(document: PlanDocument) -> None:
    text, links = read_back(plan_pdf(document))
    flat = " ".join(text.split())
    assert "1 December 2026" in flat
    assert latin1(ROLE) in flat
    assert "the digital learning team at Example NHS Trust" in flat
    assert "mailto:learning@example.nhs.uk" in links
    assert "https://intranet.example.nhs.uk/learning" in links


def test_nothing_personal_beyond_the_role(document: PlanDocument) -> None:
    without_role = PlanDocument(created=document.created, help=Contact(),
                                profile=document.profile, plan=document.plan)
    text, _ = read_back(plan_pdf(without_role))
    assert "radiographer" not in text.replace("\n", " ").split("My AI workforce")[0]
    assert "My role" not in text


def test_a_plan_without_a_profile_still_makes_a_document(document: PlanDocument) -> None:
    text, _ = read_back(plan_pdf(PlanDocument(created=document.created,
                                              help=Contact(None, None, None),
                                              plan=document.plan)))
    assert "My learning pathway" in text and "My AI workforce archetypes" not in text


def test_offerings_not_yet_verified_and_gaps_are_said_so(document: PlanDocument) -> None:
    marked = {**document.plan, "gaps": [{"archetype": "users", "area_key": "clinical_safety",
                                         "area": "Clinical safety", "why": "it keeps people safe",
                                         "filtered": False}]}
    marked["steps"] = [
        {**marked["steps"][0],
         "offerings": [{**marked["steps"][0]["offerings"][0], "verified": False}]},
    ]
    text, _ = read_back(plan_pdf(PlanDocument(created=document.created, help=Contact(),
                                              plan=marked)))
    flat = " ".join(text.split())
    assert "Details not yet confirmed with the provider." in flat
    assert "Not yet covered by the catalogue" in flat
    assert "No course in the catalogue covers clinical safety at your level yet." in flat
    assert "Why it matters for Users: it keeps people safe." in flat


def test_typographic_punctuation_is_kept_readable() -> None:
    assert latin1("It’s “AI” – safely…") == "It's \"AI\" - safely..."
    assert latin1("Łódź") == "?odz"  # a letter with no plain form is marked, not dropped
