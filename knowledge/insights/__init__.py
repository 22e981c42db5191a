"""Anonymous demand insights and catalogue coverage, for the people who plan education.

Recording lives in `events` (the only writer of `insight_events`); `report` and `render` turn
events into figures with small counts suppressed; `coverage` finds catalogue gaps.
"""

from knowledge.insights.events import (
    InsightRejected,
    normalise_channel,
    record_offering_followed,
    record_plan_rated,
    record_plan_shown,
    record_profile_settled,
    record_reason_given,
)

__all__ = [
    "InsightRejected",
    "normalise_channel",
    "record_offering_followed",
    "record_plan_rated",
    "record_plan_shown",
    "record_profile_settled",
    "record_reason_given",
]
