"""PNG charts for the insights report (matplotlib, no display needed).

Only counts that may be shown (`visible`) are drawn; a chart with nothing to draw is left out.
Figures are built directly (not through pyplot), so nothing global changes and the Agg
renderer is used whatever the environment's default backend is.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import PercentFormatter

from knowledge.engines.views import ARCHETYPE_KEYS
from knowledge.insights.report import SUPPRESSED, InsightReport, visible

NHS_BLUE = "#005EB8"
NHS_WARM_YELLOW = "#FFB81C"
TOP_CHART_AREAS = 10


@dataclass(frozen=True)
class Chart:
    filename: str
    title: str
    figure: Figure

    def png(self) -> bytes:
        FigureCanvasAgg(self.figure)
        buffer = io.BytesIO()
        self.figure.savefig(
            buffer, format="png", dpi=100, bbox_inches="tight", metadata={"Software": None}
        )
        return buffer.getvalue()


def archetype_mix(report: InsightReport) -> Chart | None:
    rows = [(report.archetype_name(k), report.archetype_mix[k]) for k in ARCHETYPE_KEYS]
    rows = [(name, n) for name, n in rows if visible(n)]
    if not rows:
        return None
    figure = Figure(figsize=(7, 3.6))
    axes = figure.add_subplot()
    bars = axes.bar(range(len(rows)), [n for _, n in rows], color=NHS_BLUE)
    axes.bar_label(bars, padding=2)
    axes.set_xticks(range(len(rows)))
    axes.set_xticklabels([name for name, _ in rows])
    axes.set_ylabel("Profiles settled")
    axes.set_title("Archetype mix (a profile can hold more than one archetype)")
    axes.spines[["top", "right"]].set_visible(False)
    return Chart("archetype_mix.png", "Archetype mix", figure)


def needed_areas(report: InsightReport) -> Chart | None:
    """Areas (rows) against archetypes (columns): shaded by the share of that archetype's plans
    that covered the area, labelled with the count ("-" where the archetype does not need it)."""
    totals: dict[str, int] = {}
    for counts in report.areas_by_archetype.values():
        for area, n in counts.items():
            if visible(n):
                totals[area] = totals.get(area, 0) + n
    areas = sorted(totals, key=lambda a: (-totals[a], a))[:TOP_CHART_AREAS]
    archetypes = [k for k in ARCHETYPE_KEYS if visible(report.plans_by_archetype[k])]
    if not areas or not archetypes:
        return None
    counts = [[report.areas_by_archetype.get(k, {}).get(a, 0) for k in archetypes] for a in areas]
    shares = [
        [n / report.plans_by_archetype[k] if visible(n) else float("nan")
         for n, k in zip(row, archetypes, strict=True)]
        for row in counts
    ]
    figure = Figure(figsize=(2.6 + 1.1 * len(archetypes), 1.2 + 0.45 * len(areas)))
    axes = figure.add_subplot()
    image = axes.imshow(shares, cmap="Blues", vmin=0, vmax=1, aspect="auto")
    for y, row in enumerate(counts):
        for x, n in enumerate(row):
            dark = visible(n) and shares[y][x] > 0.6
            needed = report.depth(archetypes[x], areas[y]) in ("core", "recommended")
            label = (str(n) if visible(n) else SUPPRESSED) if needed else "-"
            axes.text(x, y, label, ha="center", va="center", fontsize=8,
                      color="white" if dark else "#425563")
    axes.set_xticks(range(len(archetypes)))
    axes.set_xticklabels([report.archetype_name(k) for k in archetypes])
    axes.xaxis.tick_top()
    axes.set_yticks(range(len(areas)))
    axes.set_yticklabels([_wrap(report.area_name(a), 40) for a in areas], fontsize=8)
    axes.set_title("Capability areas in plans shown, by archetype", pad=24)
    bar = figure.colorbar(image, ax=axes, format=PercentFormatter(1.0))
    bar.set_label("Share of the archetype's plans")
    return Chart("needed_areas.png", "Capability areas most needed", figure)


def offerings(report: InsightReport) -> Chart | None:
    rows = [(k, rec, fol) for k, rec, fol in report.top_offerings() if visible(rec)][:10]
    if not rows:
        return None
    figure = Figure(figsize=(8, 0.9 + 0.45 * len(rows)))
    axes = figure.add_subplot()
    positions = list(range(len(rows)))[::-1]
    labels = [_wrap(report.offering_title(k), 45) for k, _, _ in rows]
    axes.barh([p + 0.2 for p in positions], [rec for _, rec, _ in rows], height=0.4,
              color=NHS_BLUE, label="Recommended")
    axes.barh([p - 0.2 for p in positions], [fol if visible(fol) else 0 for _, _, fol in rows],
              height=0.4, color=NHS_WARM_YELLOW, label="Followed (under 5 not shown)")
    axes.set_yticks(positions)
    axes.set_yticklabels(labels, fontsize=8)
    axes.set_xlabel("Times")
    axes.set_title("Offerings most recommended, and how often their links were followed")
    axes.legend(loc="lower right", fontsize=8)
    axes.spines[["top", "right"]].set_visible(False)
    return Chart("offerings.png", "Offerings recommended and followed", figure)


def build_charts(report: InsightReport) -> list[Chart]:
    return [c for c in (archetype_mix(report), needed_areas(report), offerings(report)) if c]


def _wrap(text: str, width: int = 18) -> str:
    """Break a label over lines at word boundaries so long names stay readable."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + len(word) < width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return "\n".join(lines)
