"""When catalogue offerings are due to be checked again against their providers' pages.

Providers change programmes between cohorts (dates, places, costs, audiences), so a checked
offering does not stay checked: past this age the content check fails until someone reviews it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from knowledge.views import Offering

REVIEW_EVERY = timedelta(days=183)  # about six months


def overdue(offerings: Iterable[Offering], today: date) -> list[Offering]:
    """Offerings last reviewed longer ago than REVIEW_EVERY, oldest first."""
    late = [o for o in offerings if today - o.last_reviewed > REVIEW_EVERY]
    return sorted(late, key=lambda o: (o.last_reviewed, o.key))
