"""The glossary: the terms staff ask about, found wherever they sit in a question, with
sources on the publishers' own pages."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from knowledge.catalogue.snapshot import CatalogueSnapshot

# Hosts that are copies of someone else's page (staging sites, proxies, blogs, trade press).
NOT_OFFICIAL = ("nhsd.io", "proxy", "medium.com", "pslhub.org", "htn.co.uk", "scribd.com")


@pytest.mark.parametrize(
    ("question", "term"),
    [
        ("so what does human in the loop actually mean for me?", "human in the loop"),
        ("what is post-market surveillance", "post-market surveillance"),
        ("my manager said the scribe can hallucinate, what's a hallucination?", "hallucination"),
        ("is algorithmic bias something I should worry about", "algorithmic bias"),
        ("whats explainability", "explainability"),
        ("what's the intended use of a tool", "intended use"),
        ("can you tell me about model drift please", "model drift"),
        ("how do we do local validation here", "local validation"),
        ("what do sensitivity figures tell me", "sensitivity"),
        ("what is specificity", "specificity"),
        ("what counts as a false positive", "false positive"),
        ("and a false negative?", "false negative"),
        ("what exactly is an LLM", "large language model"),
        ("explain generative AI", "generative AI"),
        ("what is NLP", "natural language processing"),
        ("what's federated learning", "federated learning"),
        ("is synthetic data safe to use", "synthetic data"),
        ("do we need a data protection impact assessment", "DPIA"),
        ("what are the Caldicott principles", "Caldicott principles"),
        ("what's UKCA marking", "UKCA marking"),
        ("is our triage app software as a medical device?", "software as a medical device"),
        ("what does a clinical safety officer do", "clinical safety officer"),
        ("who keeps the hazard log", "hazard log"),
        ("has the product passed DTAC", "DTAC"),
        ("what is an AI scribe", "ambient voice technology"),
        ("tell me about ambient voice technology", "ambient voice technology"),
        ("I think I've got alert fatigue from the sepsis tool", "alert fatigue"),
        ("how does confirmation bias affect AI use", "confirmation bias"),
        ("what is algorithm aversion", "algorithm aversion"),
    ],
)
def test_a_term_is_found_wherever_it_sits(
    store: CatalogueSnapshot, question: str, term: str
) -> None:
    found = store.find_terms_in(question)
    assert found and found[0].term == term


def test_the_glossary_covers_the_reports_and_the_framework(store: CatalogueSnapshot) -> None:
    assert len(store.glossary_terms()) >= 71


def test_every_term_has_a_source_on_an_official_page(store: CatalogueSnapshot) -> None:
    for term in store.glossary_terms():
        assert term.sources, term.term
        for url in term.sources:
            host = urlparse(url).netloc
            assert url.startswith("https://") and not any(bad in host for bad in NOT_OFFICIAL), (
                term.term, url)


def test_clinical_informaticians_are_not_all_registered_professionals(
    store: CatalogueSnapshot,
) -> None:
    entry = store.glossary_lookup("clinical informatics")
    assert entry is not None
    assert "must be registered" not in entry.definition
    assert "not on a professional register" in entry.definition


def test_a_long_name_is_one_synonym_not_a_common_word(store: CatalogueSnapshot) -> None:
    assert store.glossary_lookup("digital") is None
    found = store.find_terms_in("what is the Digital, AI and Robotics Technologies in Education")
    assert [t.term for t in found][:1] == ["DART-Ed"]
