"""The learning plan as a PDF, laid out to file in an appraisal or revalidation portfolio.

A pure function of the structured messages every channel already receives (the
`archetype_result` profile and the `pathway_plan`), the date and the deployment's help contact,
so the PDF says exactly what the conversation showed. Nothing about the person goes in beyond
what they typed about their role. Each course keeps its provider's own address, printed as well
as linked, because portfolios are often printed.

The built-in Helvetica font keeps the file small and needs nothing installed; it covers
Latin-1, so typographic punctuation is folded to its plain equivalent first.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timezone
from typing import Any, Protocol

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from knowledge.engines.wording import (
    COST_WORDS,
    DELIVERY_WORDS,
    FAMILIARITY_WORDS,
    WORDS,
    gap_line,
    only_options,
    step_reasons,
    upper_first,
)

FILENAME = "pathfinder-plan.pdf"
TITLE = "My AI learning plan"
FONT = "Helvetica"
LINE = 5.5  # mm between lines of body text
FOLDED = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-",
        "\u2014": "-", "\u2026": "...", "\u2022": "-", "\u00a0": " ", "\u2192": "->",
    }
)
SOURCE_NOTE = (
    "Archetypes and pathways follow the NHS AI Lab and Health Education England research on "
    "healthcare workers' confidence in AI (2022) and the AI and Digital Healthcare Technologies "
    "Capability Framework (2023). Course details are as Pathfinder's catalogue listed them on "
    "the date above; follow each link for the provider's current information."
)


class HelpContact(Protocol):
    """Who the person can ask for help (the deployment's hand-off team)."""

    team: str
    email: str | None
    url: str | None


@dataclass(frozen=True)
class PlanDocument:
    """Everything the PDF shows; each part may be missing and is then left out."""

    created: date
    help: HelpContact
    profile: Mapping[str, Any] | None = None
    plan: Mapping[str, Any] | None = None
    familiarity: str | None = None
    role_text: str | None = None


def latin1(text: object) -> str:
    """`text` in the characters the built-in PDF fonts can draw."""
    folded = unicodedata.normalize("NFKC", str(text)).translate(FOLDED)
    if all(ord(c) < 256 for c in folded):
        return folded
    plain = unicodedata.normalize("NFKD", folded)
    return "".join(
        c if ord(c) < 256 else "?" for c in plain if not unicodedata.combining(c)
    )


def _labelled(label: str, value: object) -> str:
    """"Time: 2 hours", but "Time not stated" as it is."""
    text = str(value).strip()
    return text if text.lower().startswith(label.lower()) else f"{label}: {text}"


def offering_facts(offering: Mapping[str, Any]) -> list[str]:
    """Provider, delivery and level, time and cost of one offering, labelled for a portfolio."""
    level, delivery, cost = offering.get("level"), offering.get("delivery"), offering.get("cost")
    how = [DELIVERY_WORDS.get(delivery, delivery) if delivery else None,
           WORDS.level_words(level) if level not in (None, "") else None]
    facts = [
        _labelled("Provider", offering["provider"]) if offering.get("provider") else None,
        upper_first(", ".join(str(h) for h in how if h)) if any(how) else None,
        _labelled("Time", offering["duration"]) if offering.get("duration") else None,
        _labelled("Cost", offering.get("cost_note") or COST_WORDS.get(cost, cost))
        if cost else None,
        upper_first(WORDS.unverified) if offering.get("verified") is False else None,
    ]
    return [sentence(str(f)) for f in facts if f]


def sentence(text: str) -> str:
    return text if text.endswith((".", "!", "?")) else f"{text}."


class _Pages(FPDF):
    """A4 pages with the plan's title and a page number at the foot of each."""

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, size=8)
        self.set_text_color(90)
        self.cell(0, 5, f"{TITLE} - page {self.page_no()} of {{nb}}", align="C")


class _Writer:
    """Draws headings, paragraphs, bullets and links onto the pages, one after another."""

    def __init__(self, created: date) -> None:
        pdf = _Pages(format="A4")
        pdf.set_margins(18, 18, 18)
        pdf.set_auto_page_break(True, margin=18)
        pdf.set_title(TITLE)
        pdf.set_creator("Pathfinder")
        pdf.set_lang("en-GB")
        pdf.set_creation_date(datetime.combine(created, time(), tzinfo=timezone.utc))
        pdf.add_page()
        self.pdf = pdf

    def heading(self, text: str, size: int = 13) -> None:
        self.pdf.ln(2)
        self.pdf.set_font(FONT, "B", size)
        self.pdf.set_text_color(0, 48, 135)  # NHS blue
        self.pdf.multi_cell(0, size * 0.55, latin1(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.pdf.set_text_color(0)
        self.pdf.ln(1)

    def text(self, text: str, style: str = "", size: int = 10, indent: float = 0) -> None:
        self.pdf.set_font(FONT, style, size)
        self.pdf.set_x(self.pdf.l_margin + indent)
        self.pdf.multi_cell(0, LINE, latin1(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def bullet(self, text: str, indent: float = 4) -> None:
        self.text(f"- {text}", indent=indent)

    def link(self, title: str, url: str, indent: float = 4, address: bool = True) -> None:
        """The title as a link, then (`address`) the address itself for a printed copy."""
        self.pdf.set_font(FONT, "BU", 10)
        self.pdf.set_text_color(0, 94, 184)
        self.pdf.set_x(self.pdf.l_margin + indent)
        self.pdf.multi_cell(0, LINE, latin1(title), link=url, new_x=XPos.LMARGIN,
                            new_y=YPos.NEXT)
        if address:
            self.pdf.set_font(FONT, "", 8)
            self.pdf.set_x(self.pdf.l_margin + indent)
            self.pdf.multi_cell(0, 4.5, latin1(url), link=url, new_x=XPos.LMARGIN,
                                new_y=YPos.NEXT)
        self.pdf.set_text_color(0)

    def gap(self, height: float = 2) -> None:
        self.pdf.ln(height)

    def output(self) -> bytes:
        return bytes(self.pdf.output())


def plan_pdf(document: PlanDocument) -> bytes:
    """The PDF file's bytes."""
    out = _Writer(document.created)
    out.heading(TITLE, size=18)
    out.text(f"Made with Pathfinder on {_long_date(document.created)}, for an appraisal, "
             "revalidation or personal development conversation.", size=9)
    if document.role_text and document.role_text.strip():
        out.heading("My role, as I described it")
        out.text(document.role_text.strip())
    _archetypes(out, document.profile)
    if document.familiarity and not (document.plan or {}).get("level"):  # else said below
        out.gap()
        level = FAMILIARITY_WORDS.get(document.familiarity, document.familiarity)
        out.text(f"Familiarity with AI: {level}.")
    _pathway(out, document.plan)
    _help(out, document.help)
    out.gap(4)
    out.text(SOURCE_NOTE, size=8)
    return out.output()


def _long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _archetypes(out: _Writer, profile: Mapping[str, Any] | None) -> None:
    items = [a for a in (profile or {}).get("archetypes") or [] if isinstance(a, Mapping)]
    if not items:
        return
    out.heading("My AI workforce archetypes")
    for item in items:
        score = item.get("score")
        match = f" (match {round(float(score) * 100)}%)" if isinstance(score, (int, float)) else ""
        out.text(f"{item.get('name') or item.get('key')}{match}", style="B")
        reasons = [str(e) for e in item.get("evidence") or [] if str(e).strip()]
        if reasons:
            out.text("Why:", indent=4)
            for reason in reasons:
                out.bullet(upper_first(reason), indent=8)
        out.gap(1)
    if profile and not profile.get("confident", True):
        out.text("This is Pathfinder's best guess from what I said.", style="I", size=9)


def _pathway(out: _Writer, plan: Mapping[str, Any] | None) -> None:
    steps = [s for s in (plan or {}).get("steps") or [] if isinstance(s, Mapping)]
    if not steps:
        return
    assert plan is not None
    out.heading("My learning pathway")
    level = plan.get("level")
    if level:
        out.text(f"Pitched at: {FAMILIARITY_WORDS.get(level, level)}.")
    filters = [str(f) for f in plan.get("filters") or []]
    if filters:
        out.text(f"Showing {only_options(filters)}.")
    for number, step in enumerate(steps, start=1):
        out.gap()
        out.text(f"Step {step.get('order') or number}. {step.get('title') or ''}".strip(),
                 style="B", size=11)
        _reasons(out, step)
        areas = _names(step.get("capability_areas"))
        if areas:
            out.text(f"Capability areas: {', '.join(areas)}.", size=9)
        _offerings(out, step.get("offerings"))
    _gaps(out, plan.get("gaps"), filters)
    funded = plan.get("funded_places")
    if funded:
        out.gap()
        out.text(WORDS.funded_heading, style="B", size=11)
        out.text(WORDS.funded_note, size=9)
        _offerings(out, funded)


def _reasons(out: _Writer, step: Mapping[str, Any]) -> None:
    """The step's lead, then each archetype's heading and the needs it meets as bullets."""
    lead, reasons = step_reasons(step)
    if lead:
        out.text(lead)
    for reason in reasons:
        out.text(reason.heading, style="I")
        for point in reason.points:
            out.bullet(point)


def _offerings(out: _Writer, offerings: Any) -> None:
    for offering in offerings or []:
        if isinstance(offering, Mapping) and offering.get("url"):
            out.gap(1)
            out.link(str(offering.get("title") or offering["url"]), str(offering["url"]))
            out.text(" ".join(offering_facts(offering)), size=9, indent=4)


def _gaps(out: _Writer, gaps: Any, filters: list[str]) -> None:
    """Needs the catalogue has no course for yet, said openly as the plan does."""
    lines = [gap_line(g, filters) for g in gaps or [] if isinstance(g, Mapping)]
    lines = [line for line in lines if line.strip()]
    if lines:
        out.gap()
        out.text(WORDS.gaps_heading, style="B", size=11)
        for line in lines:
            out.bullet(line)


def _help(out: _Writer, contact: HelpContact) -> None:
    out.heading("Where to get help")
    out.text(f"For help with this plan, funding or time to learn, contact {contact.team}.")
    if contact.email:
        out.link(contact.email, f"mailto:{contact.email}", indent=0, address=False)
    if contact.url:
        out.link(contact.url, contact.url, indent=0, address=False)
    out.text("Your line manager or appraiser can help you agree which steps to take first. "
             "Ask Pathfinder again at any time for an up-to-date plan.")


def _names(values: Sequence[Any] | None) -> list[str]:
    return [str(v) for v in values or [] if str(v).strip()]
