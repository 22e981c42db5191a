"""Write the insights report as Markdown (with PNG files), self-contained HTML, or CSV.

All three read the same sections, built once from the report with every count already passed
through `shown()`, so suppression cannot differ between formats.
"""

from __future__ import annotations

import base64
import csv
import html
import io
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from knowledge.engines.views import ARCHETYPE_KEYS, FAMILIARITY_LEVELS, PLAN_RULES
from knowledge.insights.events import (
    OFFERING_FOLLOWED,
    PLAN_RATED,
    PLAN_SHOWN,
    PROFILE_SETTLED,
    REASON_GIVEN,
)
from knowledge.insights.feedback import REASONS, USEFULNESS
from knowledge.insights.report import (
    SUPPRESS_BELOW,
    SUPPRESSED,
    TOP_AREAS,
    InsightReport,
    shown,
)

if TYPE_CHECKING:  # matplotlib is slow to import; only a report that is written needs it
    from knowledge.insights.charts import Chart

FORMATS = ("md", "html", "csv")
TITLE = "Pathfinder insights for educators and planners"
KIND_LABELS = {
    PROFILE_SETTLED: "Archetype profiles confirmed",
    PLAN_SHOWN: "Learning plans shown",
    OFFERING_FOLLOWED: "Offering links followed",
    PLAN_RATED: "Plans rated (was it useful?)",
    REASON_GIVEN: "Reasons given for \"not for me\"",
}
PRIVACY_NOTE = (
    "Every figure comes from anonymous events that hold only archetypes, familiarity level, "
    "capability areas, offerings, channel, month and answers from a fixed list: no names, ids, "
    "messages or exact times. "
    f"Counts under {SUPPRESS_BELOW} are shown as \"<{SUPPRESS_BELOW}\" and left out of charts."
)


@dataclass
class Table:
    headers: tuple[str, ...]
    rows: list[tuple[str, ...]]
    heading: str | None = None


@dataclass
class Section:
    title: str
    text: list[str]
    tables: list[Table] = field(default_factory=list)
    chart: Chart | None = None
    empty: str = "No events in this period."


def _period(report: InsightReport) -> str:
    since = f"from {report.since:%d %B %Y} (counted by month)" if report.since else "all time"
    if not report.months:
        return f"Period: {since}; no events recorded."
    first, last = min(report.months), max(report.months)
    return f"Period: {since}; events from {first} to {last}."


def sections(report: InsightReport, charts: list[Chart]) -> list[Section]:
    by_name = {c.filename: c for c in charts}
    levels = ", ".join(
        f"{lvl} fits levels {'/'.join(map(str, PLAN_RULES.fit[lvl].levels))}"
        for lvl in FAMILIARITY_LEVELS
    )
    summary = Section(
        "Summary",
        [_period(report), PRIVACY_NOTE],
        [
            Table(("Event", "Count"),
                  [(label, shown(report.totals[k])) for k, label in KIND_LABELS.items()]),
            Table(("Channel", "Events"),
                  [(c, shown(n)) for c, n in sorted(report.channels.items())],
                  heading="By channel"),
            Table(("Familiarity", "Plans"),
                  [(lvl, shown(report.levels[lvl])) for lvl in FAMILIARITY_LEVELS],
                  heading="Familiarity with AI of people shown a plan"),
        ],
    )
    mix = Section(
        "Archetype mix",
        ["Profiles people confirmed, by archetype. Someone can hold more than one archetype."],
        [Table(("Archetype", "Profiles"),
               [(report.archetype_name(k), shown(report.archetype_mix[k]))
                for k in ARCHETYPE_KEYS])] if report.totals[PROFILE_SETTLED] else [],
        by_name.get("archetype_mix.png"),
    )
    areas = Section(
        "Capability areas most needed, by archetype",
        [
            "For each archetype, how many of the plans shown to people holding it covered each "
            f"capability area it needs (core or recommended); the top {TOP_AREAS} are listed. "
            'In the chart, "-" marks an area the archetype does not need.',
        ],
        [
            Table(("Capability area", "Need", "Plans"),
                  [(report.area_name(a), report.depth(k, a), shown(n))
                   for a, n in report.top_areas(k)],
                  heading=f"{report.archetype_name(k)}: "
                          f"{shown(report.plans_by_archetype[k])} plans")
            for k in ARCHETYPE_KEYS
            if report.areas_by_archetype.get(k)
        ],
        by_name.get("needed_areas.png"),
    )
    offers = Section(
        "Offerings most recommended and followed",
        ["Times each offering appeared in a plan, and times its tracked link was followed."],
        [Table(("Offering", "Recommended", "Followed"),
               [(report.offering_title(k), shown(r), shown(f))
                for k, r, f in report.top_offerings()])] if report.top_offerings() else [],
        by_name.get("offerings.png"),
    )
    unmet = Section(
        "Demand with no matching offering at the right level",
        [
            "Plans for an archetype whose core capability area has no offering for that archetype "
            f"at any level that fits the person ({levels}), one row per level. These are the "
            "gaps people have already met.",
        ],
        [Table(("Archetype", "Core capability area", "Level", "Plans"),
               [(report.archetype_name(u.archetype), report.area_name(u.area), str(u.level),
                 shown(u.plans)) for u in report.unmet])] if report.unmet else [],
        empty="No plan shown in this period needed a level the catalogue lacks.",
    )
    overdue = Section(
        "Offerings past their review date",
        [f"Offerings last reviewed more than {report.review_months} months before "
         f"{report.generated:%d %B %Y}."],
        [Table(("Offering", "Provider", "Last reviewed"),
               [(o.title, o.provider, o.last_reviewed.isoformat()) for o in report.overdue])]
        if report.overdue else [],
        empty="Every offering has been reviewed within that time.",
    )
    parts = [summary, mix, areas, offers, usefulness(report), unmet, overdue]
    for part in parts:
        part.tables = [t for t in part.tables if t.rows]
    return parts


def _answers_row(label: str, counts: Counter[str]) -> tuple[str, ...]:
    return (label, *(shown(counts[k]) for k in USEFULNESS), shown(sum(counts.values())))


def usefulness(report: InsightReport) -> Section:
    """How people answered "was this plan useful?", by archetype and by channel, and why not."""
    headers = tuple(USEFULNESS.values()) + ("Answers",)
    return Section(
        "Was the plan useful?",
        ["Answers to the optional question asked after a plan. A plan for someone who holds "
         "more than one archetype counts once under each."],
        [
            Table(("Archetype", *headers),
                  [_answers_row(report.archetype_name(k), report.rated_by_archetype[k])
                   for k in ARCHETYPE_KEYS if k in report.rated_by_archetype],
                  heading="By archetype"),
            Table(("Channel", *headers),
                  [_answers_row(c, n) for c, n in sorted(report.rated_by_channel.items())],
                  heading="By channel"),
            Table(("Reason", "Answers"),
                  [(label, shown(report.reasons[k])) for k, label in REASONS.items()]
                  if report.reasons else [],
                  heading='Why a plan was "not for me"'),
        ],
        empty="Nobody answered the question in this period.",
    )


# -- Markdown ---------------------------------------------------------------------------------

def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _md_table(table: Table) -> list[str]:
    lines = [f"### {table.heading}", ""] if table.heading else []
    lines.append("| " + " | ".join(table.headers) + " |")
    lines.append("|" + "|".join("---" for _ in table.headers) + "|")
    lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in table.rows]
    return [*lines, ""]


def to_markdown(parts: list[Section]) -> str:
    lines = [f"# {TITLE}", ""]
    for part in parts:
        lines += [f"## {part.title}", ""]
        for paragraph in part.text:
            lines += [paragraph, ""]
        if part.chart:
            lines += [f"![{part.chart.title}]({part.chart.filename})", ""]
        if not part.tables:
            lines += [part.empty, ""]
        for table in part.tables:
            lines += _md_table(table)
    return "\n".join(lines).rstrip() + "\n"


# -- HTML -------------------------------------------------------------------------------------

STYLE = """
body{font-family:Arial,Helvetica,sans-serif;color:#212b32;max-width:60rem;margin:2rem auto;
padding:0 1rem;line-height:1.5}
h1,h2{color:#005eb8}table{border-collapse:collapse;margin:0 0 1.5rem}
th,td{border:1px solid #d8dde0;padding:.3rem .6rem;text-align:left}th{background:#f0f4f5}
td.count{text-align:right}img{max-width:100%;height:auto;margin:0 0 1rem}
"""


def _is_count(cell: str) -> bool:
    return cell.isdigit() or cell == SUPPRESSED


def _html_table(table: Table) -> str:
    head = f"<h3>{html.escape(table.heading)}</h3>" if table.heading else ""
    headers = "".join(f"<th scope=\"col\">{html.escape(h)}</th>" for h in table.headers)
    rows = "".join(
        "<tr>" + "".join(
            f'<td class="count">{html.escape(c)}</td>' if _is_count(c)
            else f"<td>{html.escape(c)}</td>"
            for c in row
        ) + "</tr>"
        for row in table.rows
    )
    return f"{head}<table><thead><tr>{headers}</tr></thead><tbody>{rows}</tbody></table>"


def to_html(parts: list[Section]) -> str:
    body: list[str] = [f"<h1>{html.escape(TITLE)}</h1>"]
    for part in parts:
        body.append(f"<section><h2>{html.escape(part.title)}</h2>")
        body += [f"<p>{html.escape(p)}</p>" for p in part.text]
        if part.chart:
            data = base64.b64encode(part.chart.png()).decode("ascii")
            body.append(
                f'<img src="data:image/png;base64,{data}" alt="{html.escape(part.chart.title)}">'
            )
        if not part.tables:
            body.append(f"<p>{html.escape(part.empty)}</p>")
        body += [_html_table(t) for t in part.tables]
        body.append("</section>")
    return (
        '<!doctype html>\n<html lang="en-GB"><head><meta charset="utf-8">'
        f"<title>{html.escape(TITLE)}</title><style>{STYLE}</style></head>"
        f"<body><main>{''.join(body)}</main></body></html>\n"
    )


# -- CSV --------------------------------------------------------------------------------------

CSV_COLUMNS = (
    "section", "archetype", "capability_area", "level", "offering", "channel", "measure", "value",
)


def to_csv(report: InsightReport) -> str:
    """One tidy table: a row per figure, keyed by catalogue keys rather than display names."""
    rows: list[dict[str, str]] = []

    def add(section: str, measure: str, value: str, **keys: str) -> None:
        rows.append({"section": section, "measure": measure, "value": value, **keys})

    for kind in KIND_LABELS:
        add("totals", kind, shown(report.totals[kind]))
    for channel, n in sorted(report.channels.items()):
        add("channels", "events", shown(n), channel=channel)
    for level in FAMILIARITY_LEVELS:
        add("familiarity", "plans", shown(report.levels[level]), level=level)
    for archetype in ARCHETYPE_KEYS:
        add("archetype_mix", "profiles", shown(report.archetype_mix[archetype]),
            archetype=archetype)
    for archetype in ARCHETYPE_KEYS:
        for area, n in report.top_areas(archetype):
            add("needed_areas", "plans", shown(n), archetype=archetype, capability_area=area)
    for key, recommended, followed in report.top_offerings():
        add("offerings", "recommended", shown(recommended), offering=key)
        add("offerings", "followed", shown(followed), offering=key)
    for archetype, counts in sorted(report.rated_by_archetype.items()):
        for answer in USEFULNESS:
            add("usefulness_by_archetype", answer, shown(counts[answer]), archetype=archetype)
    for channel, counts in sorted(report.rated_by_channel.items()):
        for answer in USEFULNESS:
            add("usefulness_by_channel", answer, shown(counts[answer]), channel=channel)
    for reason in REASONS if report.reasons else ():
        add("not_for_me_reasons", reason, shown(report.reasons[reason]))
    for u in report.unmet:
        add("unmet_demand", "plans", shown(u.plans), archetype=u.archetype,
            capability_area=u.area, level=str(u.level))
    for o in report.overdue:
        add("review_overdue", "last_reviewed", o.last_reviewed.isoformat(), offering=o.key)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, restval="", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def write_report(report: InsightReport, fmt: str, out: Path) -> list[Path]:
    """Write the report in `fmt` into the folder `out`; return the files written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    out.mkdir(parents=True, exist_ok=True)
    if fmt == "csv":
        path = out / "insights.csv"
        path.write_text(to_csv(report), encoding="utf-8")
        return [path]
    from knowledge.insights.charts import build_charts

    charts = build_charts(report)
    parts = sections(report, charts)
    if fmt == "html":
        path = out / "insights.html"
        path.write_text(to_html(parts), encoding="utf-8")
        return [path]
    written = []
    for chart in charts:
        (out / chart.filename).write_bytes(chart.png())
        written.append(out / chart.filename)
    path = out / "insights.md"
    path.write_text(to_markdown(parts), encoding="utf-8")
    return [path, *written]
