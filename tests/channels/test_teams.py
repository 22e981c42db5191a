"""Microsoft Teams end to end: RS256-signed activities into the real Rasa server.

Microsoft's OpenID/JWKS endpoints, the tenant's token endpoint and the Bot Connector API are a
local stand-in holding a key generated here. The Teams webhook awaits the whole turn, so when it
answers, every reply has already reached the stand-in (no polling needed).
"""

from __future__ import annotations

import io
import json
import secrets
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import aiohttp
import jwt
import pytest
import requests
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm
from pypdf import PdfReader

from bot.channels import teams_cards
from bot.channels.limits import MAX_MESSAGE_LENGTH, TOO_LONG
from bot.channels.teams import ONE_TO_ONE_ONLY
from bot.channels.teams_auth import (
    DEFAULT_OPENID_URL,
    KeysUnavailable,
    SigningKeys,
    TeamsSettings,
)
from tests.channels.fakes.microsoft import ISSUER, FakeMicrosoft
from tests.channels.stack import bot_stack
from tests.support.archetype_match import primary_match
from tests.support.servers import REPO

pytestmark = pytest.mark.server

APP_ID = str(uuid.uuid4())
APP_PASSWORD = secrets.token_urlsafe(24)
TENANT = str(uuid.uuid4())
KID = "pathfinder-test-key"
ROLE = "I'm a radiographer and we use an AI tool that flags fractures"
RESTARTED = "Let's start again"


def new_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def public_jwk(key: rsa.RSAPrivateKey, kid: str) -> dict[str, Any]:
    jwk = json.loads(RSAAlgorithm.to_jwk(key.public_key()))
    return {**jwk, "kid": kid, "use": "sig", "endorsements": ["msteams"]}


@dataclass
class TeamsBotUnderTest:
    url: str
    fake: FakeMicrosoft
    key: rsa.RSAPrivateKey
    openid_hits_at_start: int

    def token(self, *, key: rsa.RSAPrivateKey | None = None, kid: str = KID,
              algorithm: str = "RS256", service_url: str | None = None,
              drop: tuple[str, ...] = (), **claims: Any) -> str:
        now = int(time.time())
        body = {"iss": ISSUER, "aud": APP_ID, "iat": now, "nbf": now - 5, "exp": now + 300,
                "serviceurl": service_url or self.fake.service_url, **claims}
        for name in drop:
            body.pop(name)
        signer: Any = key or self.key
        return jwt.encode(body, signer, algorithm=algorithm, headers={"kid": kid})

    def activity(self, user: str, text: str = "", **fields: Any) -> dict[str, Any]:
        return {
            "type": "message", "id": uuid.uuid4().hex, "channelId": "msteams",
            "timestamp": time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime()),
            "serviceUrl": self.fake.service_url,
            "from": {"id": f"29:{user}", "name": "Test User", "aadObjectId": aad_id(user)},
            "conversation": {"id": conversation(user), "conversationType": "personal",
                             "tenantId": TENANT},
            "recipient": {"id": f"28:{APP_ID}", "name": "Pathfinder"},
            "text": text, "textFormat": "plain", "locale": "en-GB",
            "channelData": {"tenant": {"id": TENANT}},
            **fields,
        }

    def post(self, activity: dict[str, Any], token: str | None = "valid") -> requests.Response:
        headers = {}
        if token == "valid":
            token = self.token()
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        return requests.post(f"{self.url}/webhooks/teams/webhook", json=activity,
                             headers=headers, timeout=20)

    def say(self, user: str, text: str = "", **fields: Any) -> list[dict[str, Any]]:
        """Send a message; return the activities the bot posted in reply."""
        before = len(self.fake.activities(conversation(user)))
        reply = self.post(self.activity(user, text, **fields))
        assert reply.status_code == 200, reply.text
        return self.fake.activities(conversation(user))[before:]

    def tracker(self, user: str) -> dict[str, Any]:
        sender = quote(f"teams:{TENANT}:{aad_id(user)}", safe=":")
        reply = requests.get(f"{self.url}/conversations/{sender}/tracker?include_events=ALL",
                             timeout=10)
        reply.raise_for_status()
        return reply.json()


def aad_id(user: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, user))


def conversation(user: str) -> str:
    return f"a:conversation-{user}"


@pytest.fixture(scope="module")
def teams(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TeamsBotUnderTest]:
    key = new_key()
    fake = FakeMicrosoft(APP_ID, APP_PASSWORD, TENANT).start()
    fake.publish_key(public_jwk(key, KID))
    folder = tmp_path_factory.mktemp("teams")
    env = {
        "TEAMS_APP_ID": APP_ID,
        "TEAMS_APP_PASSWORD": APP_PASSWORD,
        "TEAMS_TENANT_ID": TENANT,
        "TEAMS_OPENID_URL": fake.openid_url,
        "TEAMS_TOKEN_URL": fake.token_url,
        "SLACK_BOT_TOKEN": "",
        "PATHFINDER_OFFLINE": "1",
    }
    try:
        with bot_stack(folder, env) as rasa:
            yield TeamsBotUnderTest(rasa.url, fake, key, fake.count("openid"))
    finally:
        fake.stop()


# Reading the replies --------------------------------------------------------------------------


def cards_in(activities: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        a["content"] for act in activities for a in act.get("attachments") or []
        if a["contentType"] == teams_cards.ADAPTIVE
    ]


def texts_in(card: dict[str, Any]) -> list[str]:
    found: list[str] = []

    def walk(element: dict[str, Any]) -> None:
        if element.get("type") == "TextBlock":
            found.append(element["text"])
        for child in element.get("body", []) + element.get("items", []):
            walk(child)

    walk(card)
    return found


def actions_in(card: dict[str, Any]) -> list[dict[str, Any]]:
    return [a for e in card["body"] if e["type"] == "ActionSet" for a in e["actions"]]


def card_with(activities: list[dict[str, Any]], text: str) -> dict[str, Any]:
    return next(c for c in cards_in(activities) if any(text in t for t in texts_in(c)))


def said(activities: list[dict[str, Any]], fragment: str) -> bool:
    """Whether the bot said `fragment`, as plain text or inside a card."""
    texts = [a.get("text") or "" for a in activities]
    texts += [t for card in cards_in(activities) for t in texts_in(card)]
    return any(fragment in t for t in texts)


def clicked(action: dict[str, Any]) -> dict[str, Any]:
    """What Teams sends when a messageBack Action.Submit is clicked."""
    back = action["data"]["msteams"]
    return {"text": back["text"], "value": back["value"]}


def user_texts(tracker: dict[str, Any]) -> list[str]:
    return [e.get("text") for e in tracker["events"] if e["event"] == "user"]


# Tests ----------------------------------------------------------------------------------------


def test_keys_are_fetched_on_first_use_then_cached(teams: TeamsBotUnderTest) -> None:
    assert teams.openid_hits_at_start == 0  # no network call while the channel is built
    teams.say("lazy", "hello")
    teams.say("lazy", "start over")
    assert teams.fake.count("openid") == 1
    assert teams.fake.count("keys") == 1


def test_role_description_gets_cards_with_clickable_buttons(teams: TeamsBotUnderTest) -> None:
    replies = teams.say("card", ROLE)
    assert replies, "no reply reached the Bot Connector"
    for reply in replies:
        assert reply["recipient"]["id"] == "29:card"
        assert reply["from"]["id"] == f"28:{APP_ID}"
    archetype = card_with(replies, "Your AI workforce archetype")
    texts = texts_in(archetype)
    assert "Users" in texts and f"Primary · {primary_match(ROLE)}" in texts
    lead = "It sounds as if you're mainly one of the Users"
    assert any(t.startswith(lead) for t in texts_in(archetype))
    assert not any(lead in (r.get("text") or "") for r in replies)  # said once, in the card
    question = card_with(replies, "Does that sound right?")
    actions = actions_in(question)
    assert [a["type"] for a in actions] == ["Action.Submit", "Action.Submit"]
    assert [a["data"]["payload"] for a in actions] == ["/affirm", "/deny"]
    assert [clicked(a)["value"] for a in actions] == [{"payload": "/affirm"}, {"payload": "/deny"}]
    metadata = teams.tracker("card")["latest_message"]["metadata"]
    assert {k: metadata.get(k) for k in ("channel", "aad_object_id", "tenant_id")} == {
        "channel": "teams", "aad_object_id": aad_id("card"), "tenant_id": TENANT,
    }
    assert teams.fake.refused_posts == 0


def test_button_clicks_are_read_from_the_value(teams: TeamsBotUnderTest) -> None:
    question = card_with(teams.say("click", ROLE), "Does that sound right?")
    yes = next(a for a in actions_in(question) if a["title"] == "Yes, that's me")
    familiarity = card_with(teams.say("click", **clicked(yes)), "How familiar are you")
    new = next(a for a in actions_in(familiarity) if a["title"] == "New to AI")
    # A plain Action.Submit (no messageBack) sends its data as the value and no text.
    plan = card_with(teams.say("click", value={"payload": new["data"]["payload"]}),
                     "Your learning pathway")
    texts = texts_in(plan)
    assert "1. Build your AI foundations" in texts
    assert any(t.startswith("[") and "/webhooks/links/go/" in t for t in texts)
    assert any("level 1" in t for t in texts)
    restart = next(a for a in actions_in(plan) if a["title"] == "Start over")
    assert said(teams.say("click", **clicked(restart)), RESTARTED)
    assert user_texts(teams.tracker("click"))[-3:] == [
        "/affirm", '/inform_familiarity{"familiarity": "new"}', "/restart",
    ]


def _plan(teams: TeamsBotUnderTest, user: str, **fields: Any) -> None:
    question = card_with(teams.say(user, ROLE, **fields), "Does that sound right?")
    yes = next(a for a in actions_in(question) if a["title"] == "Yes, that's me")
    familiarity = card_with(teams.say(user, **clicked(yes), **fields), "How familiar are you")
    new = next(a for a in actions_in(familiarity) if a["title"] == "New to AI")
    card_with(teams.say(user, **clicked(new), **fields), "Your learning pathway")


def consent_cards(activities: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [a for act in activities for a in act.get("attachments") or []
            if a["contentType"] == "application/vnd.microsoft.teams.card.file.consent"]


def test_the_plan_pdf_is_saved_to_onedrive_once_the_person_agrees(
    teams: TeamsBotUnderTest,
) -> None:
    _plan(teams, "keeper")
    replies = teams.say("keeper", "send me a summary")
    assert said(replies, "Here's your summary")
    (consent,) = consent_cards(replies)
    assert consent["name"] == "pathfinder-plan.pdf"
    info = {"uploadUrl": f"{teams.fake.url}/upload/keeper-plan", "uniqueId": "keeper-plan",
            "contentUrl": f"{teams.fake.url}/personal/keeper/pathfinder-plan.pdf",
            "name": "pathfinder-plan.pdf", "fileType": "pdf"}
    before = len(teams.fake.activities(conversation("keeper")))
    invoke = teams.activity("keeper", type="invoke", name="fileConsent/invoke", text=None,
                            value={"type": "fileUpload", "action": "accept",
                                   "context": consent["content"]["acceptContext"],
                                   "uploadInfo": info})
    assert teams.post(invoke).status_code == 200
    body, content_range = teams.fake.uploads["keeper-plan"]
    assert body.startswith(b"%PDF-") and len(body) == consent["content"]["sizeInBytes"]
    assert content_range == f"bytes 0-{len(body) - 1}/{len(body)}"
    assert "My AI learning plan" in PdfReader(io.BytesIO(body)).pages[0].extract_text()
    (shown,) = [a for act in teams.fake.activities(conversation("keeper"))[before:]
                for a in act.get("attachments") or []]
    assert shown["contentType"] == "application/vnd.microsoft.teams.card.file.info"
    assert shown["contentUrl"] == info["contentUrl"]


def test_declining_the_pdf_is_acknowledged(teams: TeamsBotUnderTest) -> None:
    _plan(teams, "decliner")
    consent_cards(teams.say("decliner", "send me a summary"))
    invoke = teams.activity("decliner", type="invoke", name="fileConsent/invoke", text=None,
                            value={"type": "fileUpload", "action": "decline", "context": {}})
    before = len(teams.fake.activities(conversation("decliner")))
    assert teams.post(invoke).status_code == 200
    assert said(teams.fake.activities(conversation("decliner"))[before:], "No problem")


def test_bot_added_to_a_chat_says_welcome(teams: TeamsBotUnderTest) -> None:
    bot = {"id": f"28:{APP_ID}", "name": "Pathfinder"}
    someone = teams.say("colleague", type="conversationUpdate", text=None,
                        membersAdded=[{"id": "29:someone-else"}])
    assert someone == []
    welcome = teams.say("installer", type="conversationUpdate", text=None, membersAdded=[bot])
    assert said(welcome, "Hello, I'm Pathfinder")
    assert cards_in(welcome), "the greeting's buttons should arrive as an Adaptive Card"
    assert user_texts(teams.tracker("installer")) == ["/greet"]


REFUSED: dict[str, Callable[[TeamsBotUnderTest], str | None]] = {
    "forged-signature": lambda t: t.token(key=new_key()),
    "unknown-key": lambda t: t.token(key=new_key(), kid="someone-elses-key"),
    "expired": lambda t: t.token(exp=int(time.time()) - 600, iat=int(time.time()) - 1200),
    "not-yet-valid": lambda t: t.token(nbf=int(time.time()) + 600),
    "no-expiry": lambda t: t.token(drop=("exp",)),
    "wrong-audience": lambda t: t.token(aud=str(uuid.uuid4())),
    "wrong-issuer": lambda t: t.token(iss="https://sts.windows.net/attacker/"),
    "serviceurl-mismatch": lambda t: t.token(service_url="https://smba.trafficmanager.net/uk/"),
    "no-serviceurl": lambda t: t.token(drop=("serviceurl",)),
    "hs256-algorithm": lambda t: jwt.encode(
        {"iss": ISSUER, "aud": APP_ID, "exp": int(time.time()) + 300,
         "serviceurl": t.fake.service_url},
        secrets.token_bytes(32), algorithm="HS256", headers={"kid": KID}),
    "not-a-jwt": lambda t: "not.a.token",
    "missing-token": lambda t: None,
}


@pytest.mark.parametrize("case", list(REFUSED))
def test_bad_tokens_are_refused_before_the_bot(teams: TeamsBotUnderTest, case: str) -> None:
    user = f"refused-{case}"
    reply = teams.post(teams.activity(user, "start over"), token=REFUSED[case](teams))
    assert reply.status_code == 401
    assert teams.fake.activities(conversation(user)) == []
    assert said(teams.say(user, "start over"), RESTARTED)
    assert user_texts(teams.tracker(user)) == ["start over"]  # only the accepted one


def test_a_body_that_is_not_an_activity_is_refused(teams: TeamsBotUnderTest) -> None:
    reply = requests.post(f"{teams.url}/webhooks/teams/webhook", data=b"<not json>",
                          headers={"Authorization": f"Bearer {teams.token()}",
                                   "Content-Type": "application/json"}, timeout=10)
    assert reply.status_code == 401


def test_outbound_token_is_fetched_once_and_reused(teams: TeamsBotUnderTest) -> None:
    teams.say("token", "start over")
    teams.say("token", "start over")
    assert teams.fake.count("token") == 1
    assert teams.fake.count("token_refused") == 0


# Configuration and key handling (no Rasa) -----------------------------------------------------


def test_settings_use_the_tenant_and_hide_the_secret() -> None:
    env = {"TEAMS_APP_ID": APP_ID, "TEAMS_APP_PASSWORD": APP_PASSWORD, "TEAMS_TENANT_ID": TENANT}
    settings = TeamsSettings.from_env(env)
    assert settings.token_url == f"https://login.microsoftonline.com/{TENANT}/oauth2/v2.0/token"
    assert settings.openid_url == DEFAULT_OPENID_URL
    assert APP_PASSWORD not in repr(settings)
    custom = TeamsSettings.from_env({**env, "TEAMS_TOKEN_URL": "http://127.0.0.1:1/t",
                                     "TEAMS_OPENID_URL": "http://127.0.0.1:1/o"})
    assert (custom.token_url, custom.openid_url) == ("http://127.0.0.1:1/t", "http://127.0.0.1:1/o")
    with pytest.raises(ValueError, match="TEAMS_APP_PASSWORD, TEAMS_TENANT_ID"):
        TeamsSettings.from_env({"TEAMS_APP_ID": APP_ID})


async def test_unknown_keys_refresh_at_most_once_per_interval(teams: TeamsBotUnderTest) -> None:
    async with aiohttp.ClientSession() as session:

        async def http() -> aiohttp.ClientSession:
            return session

        keys = SigningKeys(teams.fake.openid_url, http, max_age=3600, refresh_interval=60)
        start = teams.fake.count("keys")
        assert (await keys.get(KID))["kid"] == KID
        assert await keys.get("rotated-key") is None
        assert await keys.get("rotated-key") is None
        assert teams.fake.count("keys") == start + 1  # the unknown kid did not refetch

        eager = SigningKeys(teams.fake.openid_url, http, max_age=3600, refresh_interval=0)
        assert await eager.get("rotated-key") is None
        teams.fake.publish_key(public_jwk(new_key(), "rotated-key"))
        assert (await eager.get("rotated-key"))["kid"] == "rotated-key"

        offline = SigningKeys("http://127.0.0.1:9/none", http, max_age=3600, refresh_interval=60)
        with pytest.raises(KeysUnavailable):
            await offline.get(KID)


def test_team_channels_and_group_chats_get_a_pointer_and_nothing_else(
    teams: TeamsBotUnderTest,
) -> None:
    group = {"id": "19:shared-chat@thread.v2", "conversationType": "groupChat",
             "tenantId": TENANT}
    before = len(teams.fake.activities(group["id"]))
    reply = teams.post(teams.activity("group", ROLE, conversation=group))
    assert reply.status_code == 200, reply.text
    sent = teams.fake.activities(group["id"])[before:]
    assert [r.get("text") for r in sent] == [ONE_TO_ONE_ONLY]
    sender = quote(f"teams:{TENANT}:{aad_id('group')}", safe=":")
    tracker = requests.get(f"{teams.url}/conversations/{sender}/tracker", timeout=10).json()
    assert not [e for e in tracker.get("events") or [] if e.get("event") == "user"]


def test_a_message_over_the_cap_is_refused_with_a_reply(teams: TeamsBotUnderTest) -> None:
    long_role = (ROLE + ". ") * (MAX_MESSAGE_LENGTH // len(ROLE) + 1)
    assert len(long_role) > MAX_MESSAGE_LENGTH
    replies = teams.say("long", long_role)
    assert [r.get("text") for r in replies] == [teams_cards.markdown(TOO_LONG)]
    assert user_texts(teams.tracker("long")) == []  # Rasa never saw it
    at_the_cap = ("x" * (MAX_MESSAGE_LENGTH - len(ROLE) - 1)) + " " + ROLE
    assert said(teams.say("long", at_the_cap), "Does that sound right?")
    assert user_texts(teams.tracker("long")) == [at_the_cap]


def test_manifest_names_the_bot() -> None:
    manifest = json.loads((REPO / "deploy" / "teams" / "manifest.json").read_text())
    assert manifest["bots"][0]["botId"] == "${{TEAMS_APP_ID}}"
    assert manifest["bots"][0]["scopes"] == ["personal"]
    assert manifest["bots"][0]["supportsFiles"] is True  # the plan's PDF (file consent)
    for icon in manifest["icons"].values():
        assert (REPO / "deploy" / "teams" / icon).read_bytes().startswith(b"\x89PNG")
