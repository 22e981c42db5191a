"""'Was this plan useful?': the answers people can give, defined once for the bot and the report.

Only these keys are ever stored (in the anonymous insights, see `events`), never what someone
typed. The words are what the buttons say and what the report's tables are headed with.
"""

from __future__ import annotations

USEFUL = "useful"
PARTLY = "partly"
NOT_FOR_ME = "not_for_me"
USEFULNESS: dict[str, str] = {
    USEFUL: "Useful",
    PARTLY: "Partly",
    NOT_FOR_ME: "Not for me",
}
# Why a plan was not for someone: a short list, so the answers can be counted.
REASONS: dict[str, str] = {
    "not_my_role": "It doesn't fit my role",
    "wrong_level": "Pitched at the wrong level",
    "no_time_or_funding": "No time or funding for these",
    "already_done": "I've done this learning already",
    "something_else": "Something else",
}
