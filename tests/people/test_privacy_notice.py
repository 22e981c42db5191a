"""The privacy notice: the page people see and the Markdown copy say the same, and it covers
what is stored, why, for how long (the retention actually configured) and how to delete it."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from bot.purge import DEFAULT_RETENTION, parse_age

REPO = Path(__file__).resolve().parents[2]
PAGE = REPO / "web" / "public" / "privacy.html"
MARKDOWN = REPO / "docs" / "privacy.md"


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self._skip += tag in ("style", "script", "title")

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag in ("style", "script", "title")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def page_text() -> str:
    parser = _Text()
    parser.feed(PAGE.read_text(encoding="utf-8"))
    return squash(" ".join(parser.parts))


def markdown_paragraphs() -> list[str]:
    plain = re.sub(r"\*\*|`|^#+ |^- ", "", MARKDOWN.read_text(encoding="utf-8"), flags=re.M)
    return [squash(p) for p in plain.split("\n\n") if p.strip() and "privacy.html" not in p]


def test_page_and_markdown_say_the_same() -> None:
    text = page_text()
    missing = [p for p in markdown_paragraphs() if p not in text]
    assert missing == []


def test_notice_covers_what_why_how_long_and_deletion() -> None:
    text = page_text()
    for heading in ("What Pathfinder stores", "Why", "How long", "How to delete your data"):
        assert heading in text
    assert "forget me" in text and "Anonymous counts for educators" in text
    assert f"{parse_age(DEFAULT_RETENTION).days} days" in text


def test_page_has_no_scripts_or_remote_resources() -> None:
    html = PAGE.read_text(encoding="utf-8")
    assert "<script" not in html
    assert not re.search(r"(src|href)=\"(https?:)?//", html)
