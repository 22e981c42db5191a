"""The files in a `plan_summary` message (the PDF first, then the Markdown), for channels
that deliver them as attachments (Slack, Teams) rather than as text."""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

TITLE = "My AI learning plan"
COMMENT = "Your plan as a file, to save or share (for example at appraisal)."
SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,80}$")


@dataclass(frozen=True)
class PlanFile:
    filename: str
    media_type: str
    content: bytes


def _name(raw: Any, fallback: str) -> str:
    name = PurePosixPath(str(raw or "")).name
    return name if SAFE_NAME.match(name) else fallback


def plan_files(summary: dict[str, Any]) -> list[PlanFile]:
    """The PDF (if it decodes) and the Markdown (if any) of a plan_summary payload."""
    files = []
    pdf = summary.get("pdf")
    if isinstance(pdf, dict) and isinstance(pdf.get("base64"), str):
        try:
            data = base64.b64decode(pdf["base64"], validate=True)
        except (binascii.Error, ValueError):
            data = b""
        if data.startswith(b"%PDF-"):
            files.append(PlanFile(_name(pdf.get("filename"), "pathfinder-plan.pdf"),
                                  "application/pdf", data))
    content = str(summary.get("content") or "")
    if content:
        files.append(PlanFile(_name(summary.get("filename"), "pathfinder-plan.md"),
                              "text/markdown", content.encode("utf-8")))
    return files
