"""The shipped catalogue hangs together: references resolve and nothing is unreachable."""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import urlparse

import pytest
import yaml

from knowledge.catalogue.cross_checks import TIERS_FOR_EVERYONE
from knowledge.catalogue.glossary import term_key
from knowledge.catalogue.links import denied_host
from knowledge.catalogue.validate import DEFAULT_CONTENT_DIR, FILES, Catalogue, read_catalogue
from knowledge.engines.views import ARCHETYPE_KEYS, STAFF_GROUPS, TIER_KEYS

# NHS England's own web estate (digital.nhs.uk became part of NHS England in 2023).
NHS_ENGLAND_HOSTS = ("www.england.nhs.uk", "digital.nhs.uk", "transform.england.nhs.uk")
# Words that expose our own checking to staff; provenance belongs in fields and docs.
CHECKING_TALK = re.compile(
    r"(has|have) not (been )?(checked|confirmed|verified)|not been checked|our reading|"
    r"report's own definition|we could not|not confirmed|stored copy|our choice",
    re.IGNORECASE,
)


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return read_catalogue()


def test_five_archetypes_each_with_question_and_persona(catalogue: Catalogue) -> None:
    assert sorted(a.key for a in catalogue.archetypes) == sorted(ARCHETYPE_KEYS)
    for archetype in catalogue.archetypes:
        assert archetype.question.text.endswith("?")
        assert archetype.question.why
        assert archetype.question.topic_no.startswith("don't ")
        assert archetype.persona.learning_route
        assert archetype.persona.staff_groups == ()
        assert set(archetype.works_with) == set(ARCHETYPE_KEYS) - {archetype.key}


def test_archetypes_are_listed_in_their_order_and_users_are_asked_about_first(
    catalogue: Catalogue,
) -> None:
    assert [a.key for a in catalogue.archetypes] == list(ARCHETYPE_KEYS)
    assert [a.order for a in catalogue.archetypes] == [1, 2, 3, 4, 5]
    priors = catalogue.lexicon.screening
    assert set(priors) == set(ARCHETYPE_KEYS)
    assert max(priors, key=lambda key: priors[key].prior) == "users"


def test_personas_by_staff_group(catalogue: Catalogue) -> None:
    for archetype in catalogue.archetypes:
        assert len(archetype.personas) >= 3, archetype.key
        for persona in archetype.personas:
            assert set(persona.staff_groups) <= set(STAFF_GROUPS)
            assert persona.origin in ("research", "pathfinder")
            assert not persona.verified or persona.origin == "research"
        for group in {g for p in archetype.personas for g in p.staff_groups}:
            first = next(p for p in archetype.personas if group in p.staff_groups)
            assert archetype.persona_for(group) == first
        assert archetype.persona_for(None) == archetype.persona
        assert archetype.persona_for("no_such_group") == archetype.persona


def test_clinicians_can_be_embedders(catalogue: Catalogue) -> None:
    embedders = next(a for a in catalogue.archetypes if a.key == "embedders")
    assert "clinicians" in embedders.description.lower()
    assert any("doctors" in role.lower() for role in embedders.example_roles)
    assert "doctor" in embedders.persona_for("medical_dental").title.lower()


def test_text_shown_to_staff_does_not_discuss_our_checking(catalogue: Catalogue) -> None:
    shown = [
        text
        for a in catalogue.archetypes
        for text in (a.summary, a.description, *a.responsibilities, *a.example_roles,
                     *(p.ai_work for p in a.personas), *(p.title for p in a.personas))
    ] + [area.description for area in catalogue.areas] + [t.description for t in catalogue.tiers]
    shown += [text for o in catalogue.offerings for text in (o.summary, o.cost_note, o.duration)]
    offenders = [text for text in shown if CHECKING_TALK.search(text)]
    assert offenders == []


def _urls(value: object) -> list[str]:
    """Every URL held in a content file's `url` or `sources` fields, at any depth."""
    if isinstance(value, dict):
        found = [value["url"]] if isinstance(value.get("url"), str) else []
        found += [s for s in value.get("sources") or [] if isinstance(s, str)]
        return found + [u for v in value.values() for u in _urls(v)]
    if isinstance(value, list):
        return [u for v in value for u in _urls(v)]
    return []


@pytest.mark.parametrize("name", FILES)
def test_no_content_links_to_a_blog_mirror_proxy_or_staging_copy(name: str) -> None:
    data = yaml.safe_load((DEFAULT_CONTENT_DIR / name).read_text(encoding="utf-8"))
    denied = {url: denied_host(url) for url in _urls(data) if denied_host(url)}
    assert denied == {}


@pytest.mark.parametrize(
    "url, denied",
    [
        ("https://medium.com/i3hs-hub/a-post", True),
        ("https://www.pslhub.org/learn/x", True),
        ("https://production-like.nhsd.io/services/x", True),
        ("https://nhsd-proxy.dokku3.ebmdatalab.net/data", True),
        ("https://imperialacuk-cms01-dev.terminalfour.net/study", True),
        ("https://aiportal-admin-uat.who.int/node/1", True),
        ("https://blog.example.org/post", True),
        ("https://digital.nhs.uk/services/clinical-safety", False),
        ("https://developers.google.com/machine-learning/crash-course", False),
        ("https://www.devon.gov.uk/", False),
    ],
)
def test_denied_hosts(url: str, denied: bool) -> None:
    assert bool(denied_host(url)) is denied


def test_corrected_offerings(catalogue: Catalogue) -> None:
    offerings = {o.key: o for o in catalogue.offerings}
    assert "embedders" not in offerings["nes_ai_embed_pathway"].archetypes
    assert offerings["nshcs_stp_ai_module"].url == (
        "https://curriculumlibrary.nshcs.org.uk/stp/module/S-HI-S5/"
    )
    assert not any("nshcs.hee.nhs.uk" in o.url for o in catalogue.offerings)
    assert "manchester_ai_for_healthcare_mooc" not in offerings
    for key in ("buyers_guide_ai", "dcb0129_clinical_safety_manufacturers",
                "dcb0160_clinical_safety_deployment", "ig_guidance_ai_professionals"):
        assert urlparse(offerings[key].url).hostname in NHS_ENGLAND_HOSTS, key


def test_competitive_places_are_funded_or_paid(catalogue: Catalogue) -> None:
    competitive = {o.key for o in catalogue.offerings if o.competitive}
    assert {"topol_digital_fellowship", "nhs_fellowship_clinical_ai",
            "nhs_digital_academy_dhlp"} <= competitive
    assert all(o.cost != "free" for o in catalogue.offerings if o.competitive)


def test_every_archetype_has_at_least_five_core_areas(catalogue: Catalogue) -> None:
    for key in ARCHETYPE_KEYS:
        core = [n for n in catalogue.needs if n.archetype == key and n.depth == "core"]
        assert len(core) >= 5, key


def test_every_archetype_area_pair_has_a_need(catalogue: Catalogue) -> None:
    pairs = {(n.archetype, n.area) for n in catalogue.needs}
    assert pairs == {(a, area.key) for a in ARCHETYPE_KEYS for area in catalogue.areas}


def test_every_area_is_needed_and_offered(catalogue: Catalogue) -> None:
    offered = {area for o in catalogue.offerings for area in o.areas}
    for area in catalogue.areas:
        assert any(n.area == area.key and n.depth != "awareness" for n in catalogue.needs)
        if area.kind != "framework_domain":
            assert area.key in offered or area.parent in offered or area.key == "robotics", area


def test_framework_structure(catalogue: Catalogue) -> None:
    kinds = [a.kind for a in catalogue.areas]
    assert kinds.count("framework_domain") == 6
    assert kinds.count("framework_subdomain") == 11
    assert kinds.count("confidence_factor") >= 11


def test_every_archetype_is_served_at_every_tier(catalogue: Catalogue) -> None:
    for key in ARCHETYPE_KEYS:
        tiers = {o.tier for o in catalogue.offerings if key in o.archetypes}
        assert set(TIERS_FOR_EVERYONE) <= tiers, key
    assert [t.key for t in catalogue.tiers] == list(TIER_KEYS)


def test_offerings_are_complete(catalogue: Catalogue) -> None:
    assert len(catalogue.offerings) >= 60
    for o in catalogue.offerings:
        assert o.url.startswith("https://"), o.key
        assert o.provider and o.duration and o.summary
        assert 1 <= o.level <= 4
        assert o.last_reviewed <= date.today()
        assert catalogue.offering_sources[o.key]


def test_glossary_related_terms_resolve(catalogue: Catalogue) -> None:
    keys = {term_key(t.term) for t in catalogue.glossary}
    assert len(catalogue.glossary) >= 30
    for term in catalogue.glossary:
        assert all(term_key(r) in keys for r in term.related)


def test_lexicon_size_and_weights(catalogue: Catalogue) -> None:
    roles = [e for e in catalogue.lexicon.entries if e.kind == "role"]
    activities = [e for e in catalogue.lexicon.entries if e.kind == "activity"]
    assert len(roles) >= 150
    assert len(activities) >= 80
    for entry in catalogue.lexicon.entries:
        assert entry.weights and all(-1 <= w <= 1 for w in entry.weights.values())
    for key in ARCHETYPE_KEYS:
        assert any(e.weights.get(key, 0) > 0.5 for e in activities), key
