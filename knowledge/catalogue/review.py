"""When catalogue offerings are due to be checked again against their providers' pages.

Providers change programmes between cohorts (dates, places, costs, audiences), so a checked
offering does not stay checked: past this age the content check fails until someone reviews it,
and the insights report lists it.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from datetime import date

from knowledge.engines.views import Offering

REVIEW_MONTHS = 6


def months_before(day: date, months: int) -> date:
    """The same day `months` earlier (the month's last day when it is shorter)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    last_day = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last_day))


def overdue(offerings: Iterable[Offering], today: date,
            months: int = REVIEW_MONTHS) -> list[Offering]:
    """Offerings last reviewed more than `months` before `today`, oldest first."""
    cutoff = months_before(today, months)
    late = [o for o in offerings if o.last_reviewed < cutoff]
    return sorted(late, key=lambda o: (o.last_reviewed, o.key))
