"""The plan's PDF in a Teams personal chat, through Teams' file consent flow.

A bot cannot simply attach a file in Teams. It sends a file consent card naming the file;
when the person accepts, Teams sends an `invoke` activity (`fileConsent/invoke`) with an upload
address in their OneDrive, the bot PUTs the bytes there and then posts a file card linking
to it. The PDF rides in the card's `acceptContext`, which Teams hands back unchanged with the
(signed) invoke, so nothing about the plan is kept on the server in between. Teams offers
this in personal chats only, which is the only kind of chat Pathfinder answers in (teams.py).
"""

from __future__ import annotations

import base64
import binascii
import logging
from typing import Any

import aiohttp

from bot.channels.plan_files import PlanFile

logger = logging.getLogger(__name__)

CONSENT = "application/vnd.microsoft.teams.card.file.consent"
FILE_INFO = "application/vnd.microsoft.teams.card.file.info"
INVOKE_NAME = "fileConsent/invoke"
PERSONAL = "personal"  # the conversation type of a one-to-one chat
# Teams counts a bot message's size in UTF-16 and recommends staying within 80 KB; the PDF
# rides in the card as base64, so it must stay well inside that (plans measure 7-17 KB).
MAX_BYTES = 24_000
DESCRIPTION = "Your AI learning plan as a PDF, for an appraisal or revalidation portfolio."
DECLINED = "No problem: your plan is still in our chat above if you need it."
TOO_BIG = (
    "Your plan is too long to send as a file here; the summary above has all of it, and the "
    "web chat can save it as a PDF."
)
UPLOAD_FAILED = (
    "Sorry, I couldn't save the PDF to your OneDrive just now. Please ask for your summary "
    "again in a few minutes."
)


def fits_in_a_card(pdf: PlanFile) -> bool:
    return len(pdf.content) <= MAX_BYTES


def consent_card(pdf: PlanFile) -> dict[str, Any]:
    """The card that asks the person whether to save the PDF to their OneDrive."""
    context = {"pdf": base64.b64encode(pdf.content).decode("ascii")}
    return {
        "contentType": CONSENT,
        "name": pdf.filename,
        "content": {"description": DESCRIPTION, "sizeInBytes": len(pdf.content),
                    "acceptContext": context, "declineContext": {}},
    }


def is_file_consent(activity: dict[str, Any]) -> bool:
    return activity.get("type") == "invoke" and activity.get("name") == INVOKE_NAME


def _value(activity: dict[str, Any]) -> dict[str, Any]:
    value = activity.get("value")
    return value if isinstance(value, dict) else {}


def declined(activity: dict[str, Any]) -> bool:
    return _value(activity).get("action") == "decline"


def accepted(activity: dict[str, Any]) -> tuple[dict[str, Any], bytes] | None:
    """The upload details and the PDF of an accepted consent, or None if unusable."""
    value = _value(activity)
    info = value.get("uploadInfo")
    context = value.get("context")
    if value.get("action") != "accept" or not isinstance(info, dict):
        return None
    if not isinstance(context, dict) or not isinstance(context.get("pdf"), str):
        return None
    if not str(info.get("uploadUrl", "")).startswith(("https://", "http://")):
        return None
    try:
        data = base64.b64decode(context["pdf"], validate=True)
    except (binascii.Error, ValueError):
        return None
    if not data.startswith(b"%PDF-") or len(data) > MAX_BYTES:
        return None
    return info, data


async def upload(session: aiohttp.ClientSession, info: dict[str, Any], data: bytes) -> bool:
    """PUT the whole file to the upload address Teams gave (one range). True if accepted."""
    headers = {"Content-Length": str(len(data)),
               "Content-Range": f"bytes 0-{len(data) - 1}/{len(data)}"}
    try:
        async with session.put(str(info["uploadUrl"]), data=data, headers=headers) as reply:
            if reply.status < 300:
                return True
            logger.warning("Teams: the PDF upload was refused (HTTP %d).", reply.status)
    except aiohttp.ClientError as err:
        logger.warning("Teams: the PDF upload failed (%s).", type(err).__name__)
    return False


def file_card(info: dict[str, Any]) -> dict[str, Any]:
    """The card that shows the uploaded file in the chat."""
    return {
        "contentType": FILE_INFO,
        "contentUrl": info.get("contentUrl"),
        "name": info.get("name"),
        "content": {"uniqueId": info.get("uniqueId"), "fileType": info.get("fileType", "pdf")},
    }
