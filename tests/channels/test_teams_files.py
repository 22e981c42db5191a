"""The Teams file consent parts on their own: what is offered, and which answers are used."""

from __future__ import annotations

import base64
from typing import Any

import pytest

from bot.channels.plan_files import PlanFile, plan_files
from bot.channels.teams_files import (
    MAX_BYTES,
    accepted,
    consent_card,
    declined,
    fits_in_a_card,
    is_file_consent,
)

PDF = b"%PDF-1.3 a plan"
INFO = {"uploadUrl": "https://contoso-my.sharepoint.com/upload/1", "name": "pathfinder-plan.pdf"}


def invoke(action: str = "accept", context: Any = None, info: Any = INFO) -> dict[str, Any]:
    if context is None:
        context = consent_card(PlanFile("pathfinder-plan.pdf", "application/pdf", PDF))[
            "content"]["acceptContext"]
    return {"type": "invoke", "name": "fileConsent/invoke",
            "value": {"type": "fileUpload", "action": action, "context": context,
                      "uploadInfo": info}}


def test_an_accepted_consent_gives_back_the_pdf_and_where_to_put_it() -> None:
    assert is_file_consent(invoke())
    assert accepted(invoke()) == (INFO, PDF)
    assert not declined(invoke())


@pytest.mark.parametrize("activity", [
    invoke(action="decline"),
    invoke(context={"pdf": "not base64!"}),
    invoke(context={"pdf": base64.b64encode(b"<html>not a pdf</html>").decode()}),
    invoke(context={"pdf": base64.b64encode(b"%PDF-" + b"x" * MAX_BYTES).decode()}),
    invoke(info={"uploadUrl": "file:///etc/passwd"}),
    invoke(info=None),
])
def test_anything_else_is_not_uploaded(activity: dict[str, Any]) -> None:
    assert accepted(activity) is None


def test_a_plan_too_big_for_a_teams_card_is_not_offered_as_one() -> None:
    assert fits_in_a_card(PlanFile("p.pdf", "application/pdf", b"%PDF-" + b"x" * 17_000))
    assert not fits_in_a_card(PlanFile("p.pdf", "application/pdf", b"%PDF-" + b"x" * MAX_BYTES))


def test_plan_files_takes_a_real_pdf_first_and_strips_paths_from_names() -> None:
    summary = {"content": "# My plan\n", "filename": "../../etc/passwd",
               "pdf": {"filename": "plan.pdf", "base64": base64.b64encode(PDF).decode()}}
    files = plan_files(summary)
    assert [(f.filename, f.media_type) for f in files] == [
        ("plan.pdf", "application/pdf"), ("passwd", "text/markdown")]
    assert plan_files({"pdf": {"base64": base64.b64encode(b"GIF89a").decode()}}) == []
