"""Checked offerings fall due for another check; the content check says which."""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import replace
from datetime import date

from knowledge.catalogue.review import REVIEW_MONTHS, months_before, overdue
from knowledge.catalogue.validate import DEFAULT_CONTENT_DIR, read_catalogue


def test_only_offerings_older_than_the_review_age_are_due() -> None:
    offerings = read_catalogue().offerings[:3]
    today = date(2027, 6, 1)
    cutoff = months_before(today, REVIEW_MONTHS)
    fresh = replace(offerings[0], last_reviewed=cutoff)
    stale = replace(offerings[1], last_reviewed=date.fromordinal(cutoff.toordinal() - 1))
    older = replace(offerings[2], last_reviewed=months_before(today, 2 * REVIEW_MONTHS))
    assert overdue([fresh, stale, older], today) == [older, stale]


def test_the_shipped_catalogue_has_been_reviewed_recently() -> None:
    late = overdue(read_catalogue().offerings, date.today())
    assert not late, "due for review: " + ", ".join(f"{o.key} ({o.last_reviewed})" for o in late)


def test_check_fails_and_names_each_overdue_offering(tmp_path) -> None:  # noqa: ANN001
    content = tmp_path / "content"
    shutil.copytree(DEFAULT_CONTENT_DIR, content)
    offerings = content / "offerings.yml"
    text = offerings.read_text(encoding="utf-8")
    first = text.index("last_reviewed:")
    end = text.index("\n", first)
    offerings.write_text(text[:first] + "last_reviewed: 2001-01-01" + text[end:], encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "knowledge", "check", "--content", str(content)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 4
    assert "last reviewed 2001-01-01" in done.stderr
    assert "1 offering(s) not reviewed in the last 6 months" in done.stderr
