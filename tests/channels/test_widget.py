"""The intranet web widget end to end: real Rasa and action servers, real headless Chromium.

One Rasa server (widget channel + REST + the HTTP API for reading trackers), one action server
and one browser for the whole module. The first conversation is held in a module fixture and
only read by the tests that use it; every other test starts its own conversation.
"""

from __future__ import annotations

import io
import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import pytest
import requests
from playwright.sync_api import Browser, BrowserContext, Page, WebSocket, sync_playwright
from pypdf import PdfReader

from actions.common.render import archetype_card, plan_card
from bot.channels.limits import MAX_MESSAGE_LENGTH, TOO_LONG
from bot.channels.widget_token import TokenSigner
from knowledge.catalogue.snapshot import CatalogueSnapshot
from knowledge.documents.plan_pdf import latin1
from knowledge.engines.advisor import identify
from knowledge.engines.advisor import plan as build_plan
from knowledge.people.identity import widget_conversation
from tests.channels.widget_browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    FITS,
    NARROW,
    PLAN_DOWNLOAD,
    PLAN_FILE,
    WIDE,
    axe_violations,
    bot_count,
    build_widget,
    choose_reply,
    focused_is,
    load_socket_client,
    load_source_modules,
    log_additions,
    log_text,
    new_context,
    open_with_keyboard,
    preset_session,
    press_until,
    raw_socket,
    reflow,
    say,
    set_text_spacing,
    small_targets,
    stored_session,
    token_subject,
    user_texts,
    wait_bot_count_above,
    wait_ready,
    watch_live_region,
)
from tests.support import step_reasons
from tests.support.servers import (
    REPO,
    free_port,
    running,
    start_action_server,
    start_rasa_server,
    write_endpoints,
)

pytestmark = pytest.mark.server

SECRET = "widget-test-secret-" + "0123456789abcdef" * 2
ROLE = "I'm a radiographer and we use an AI tool that flags fractures"
# The greeting and the restart reply offer to start the assessment (actions/greet.py): tests
# wait for that button, not for wording.
GREETED = ".pf-quick-reply[data-payload='/start_assessment']"
# New suggested replies take the focus (their first button), so a keyboard user is on them.
NEWEST_REPLY_HAS_FOCUS = """() => {
  const groups = document.querySelectorAll('.pf-quick-replies');
  const newest = groups[groups.length - 1];
  return newest !== undefined && document.activeElement === newest.querySelector('button');
}"""
INJECTION = "<img src=x onerror=alert(1)><script>alert(2)</script>"
SCREENSHOT = REPO / "artifacts" / "widget-conversation.png"
CREDENTIALS = """\
rest:
bot.channels.widget.WidgetInput:
  user_message_evt: user_uttered
  bot_message_evt: bot_uttered
  session_persistence: true
"""


NEW_TAB = " (opens in a new tab)"  # the hint a link's text ends with, for screen readers


@dataclass
class Conversation:
    page: Page
    sender_id: str
    session: dict[str, Any]
    log: str
    users: list[str]
    said: list[str]
    plan_links: list[dict[str, str]]
    download_name: str
    download_bytes: bytes
    seconds: float
    focus_on_replies: bool
    stops: list[dict[str, Any]]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    build_widget()
    folder = tmp_path_factory.mktemp("widget")
    port = free_port()
    public = f"http://127.0.0.1:{port}"
    credentials = folder / "credentials.yml"
    credentials.write_text(CREDENTIALS)
    actions = start_action_server(PATHFINDER_OFFLINE="1", PATHFINDER_PUBLIC_URL=public)
    try:
        endpoints = write_endpoints(folder / "endpoints.yml", actions.url)
        rasa = start_rasa_server(
            endpoints, credentials, port=port, extra_args=["--enable-api"],
            PATHFINDER_WIDGET_SECRET=SECRET, PATHFINDER_OFFLINE="1",
        )
    except Exception:
        actions.stop()
        raise
    with running(actions, rasa):
        yield rasa.url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def first_context(browser: Browser) -> Iterator[BrowserContext]:
    context = new_context(browser, accept_downloads=True)  # the page's own CSP applies
    yield context
    context.close()


@pytest.fixture(scope="module")
def conversation(server: str, first_context: BrowserContext) -> Conversation:
    """Greeting -> role -> confirm -> familiarity -> plan -> download, by keyboard only.

    Every key press is Tab, Shift+Tab, Enter or typing; each control the focus stops on is
    recorded (see FOCUS_PROBE) for the accessibility tests.
    """
    started = time.monotonic()
    page = first_context.new_page()
    page.set_viewport_size(WIDE)
    page.goto(f"{server}/webhooks/widget/demo")
    open_with_keyboard(page)
    # the input has the focus on opening, unless the greeting has already arrived and the
    # widget has offered the focus to its replies (offerFocus), which a slow machine allows
    assert page.evaluate("document.getElementById('pf-panel').contains(document.activeElement)"
                         " && (document.activeElement.id === 'pf-input'"
                         " || !!document.activeElement.closest('.pf-quick-replies'))")
    page.locator(GREETED).wait_for()
    stops = press_until(page, "Tab", "#pf-input")
    page.keyboard.type(ROLE)
    page.keyboard.press("Enter")
    page.locator(".pf-archetype-card").wait_for()
    page.locator(".pf-quick-reply[data-payload='/affirm']").wait_for()
    focus_on_replies = page.evaluate(NEWEST_REPLY_HAS_FOCUS)
    said = [ROLE, choose_reply(page, "[data-payload='/affirm']")]
    said.append(choose_reply(page, "[data-payload^='/inform_familiarity'][data-payload*='new']"))
    page.locator(".pf-plan-card").wait_for()
    summary_reply = page.locator(".pf-quick-reply[data-payload='/request_summary']")
    summary_reply.wait_for()
    said.append(summary_reply.inner_text())  # "Download my plan" sends the same request
    seconds = time.monotonic() - started
    links = page.locator(".pf-plan-card .pf-offering a").evaluate_all(
        "links => links.map(a => ({href: a.href, rel: a.rel, target: a.target,"
        " text: a.textContent}))"
    )
    page.locator(".pf-plan-card").evaluate(  # the plan's first steps at the top of the log
        "card => { card.closest('.pf-log').scrollTop = card.closest('.pf-msg').offsetTop - 16; }"
    )
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT))
    with page.expect_download() as download:
        stops += press_until(page, "Shift+Tab", PLAN_DOWNLOAD)
        page.keyboard.press("Enter")
    page.locator(".pf-summary-card").wait_for()
    session = stored_session(page)
    return Conversation(
        page=page,
        sender_id=token_subject(session["token"]),
        session=session,
        log=log_text(page),
        users=user_texts(page),
        said=said,
        plan_links=links,
        download_name=download.value.suggested_filename,
        download_bytes=download.value.path().read_bytes(),
        seconds=seconds,
        focus_on_replies=focus_on_replies,
        stops=stops,
    )


def tracker(server: str, subject: str) -> dict[str, Any]:
    """The conversation of the widget session whose token has `subject` (`widget:<subject>`)."""
    reply = requests.get(
        f"{server}/conversations/{quote(widget_conversation(subject), safe=':')}/tracker"
        "?include_events=ALL", timeout=10,
    )
    reply.raise_for_status()
    return reply.json()


def user_events(server: str, sender_id: str) -> list[dict[str, Any]]:
    return [e for e in tracker(server, sender_id)["events"] if e["event"] == "user"]


# (a) the whole conversation --------------------------------------------------------------------


def test_a_conversation_reaches_a_plan_with_offering_links(
    server: str, conversation: Conversation
) -> None:
    assert conversation.users == conversation.said
    assert conversation.seconds < 60
    assert conversation.plan_links, "the plan card shows no offerings"
    for link in conversation.plan_links:
        assert link["href"].startswith(("https://", "http://"))
        assert link["rel"] == "noopener noreferrer"
        assert link["target"] == "_blank"
    page = conversation.page
    assert page.locator(".pf-archetype-card .pf-archetype-name").count() >= 1
    assert page.locator(".pf-archetype-card .pf-score").first.inner_text().endswith("% match")
    assert page.locator(".pf-archetype-card .pf-evidence li").count() >= 1
    assert page.locator(".pf-plan-card .pf-step-title").first.inner_text().startswith("Step 1:")
    assert SCREENSHOT.stat().st_size > 10_000


def test_download_my_plan_saves_the_pdf_and_offers_the_markdown(
    conversation: Conversation,
) -> None:
    assert conversation.download_name == "pathfinder-plan.pdf"
    reader = PdfReader(io.BytesIO(conversation.download_bytes))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert text.startswith("My AI learning plan")
    links = [a.get_object()["/A"]["/URI"] for page in reader.pages
             for a in page.get("/Annots") or []]
    titles = {" ".join(latin1(link["text"].removesuffix(NEW_TAB)).split())
              for link in conversation.plan_links}
    assert [t for t in titles if t not in text] == []  # every offering the card showed
    assert len({link for link in links if link.startswith("https://")}) >= len(titles)
    markdown = conversation.page.locator(".pf-summary-card a[download$='.md']")
    assert markdown.count() == 1 and markdown.get_attribute("href").startswith("blob:")


def test_messages_carry_the_widget_channel_metadata(
    server: str, conversation: Conversation
) -> None:
    events = user_events(server, conversation.sender_id)
    assert [e["text"] for e in events][:2] == ["/greet", ROLE]
    for event in events:
        assert event["input_channel"] == "widget"
        assert event["metadata"]["channel"] == "widget"


# (b) reload ------------------------------------------------------------------------------------


def test_reload_keeps_the_history(conversation: Conversation) -> None:
    page = conversation.page
    frames: list[str] = []

    def watch(socket: WebSocket) -> None:
        socket.on("framesent", lambda payload: frames.append(str(payload)))

    page.on("websocket", watch)
    try:
        page.reload()
        wait_ready(page)
    finally:
        page.remove_listener("websocket", watch)
    assert log_text(page) == conversation.log
    assert any("session_request" in f for f in frames)
    assert not any("user_uttered" in f for f in frames), "the widget greeted again"
    assert page.locator(".pf-plan-card .pf-offering a").count() == len(conversation.plan_links)
    assert stored_session(page)["token"] == conversation.session["token"]


# (c) accessibility -----------------------------------------------------------------------------


def test_the_keyboard_journey_reaches_the_plan_download(conversation: Conversation) -> None:
    # The fixture went from "Open chat" to the download by Tab, Shift+Tab, Enter and typing.
    assert conversation.download_name == PLAN_FILE
    assert conversation.focus_on_replies, "new suggested replies did not take the focus"
    assert conversation.stops, "the journey recorded no focus stops"
    for stop in conversation.stops:
        assert stop["visible_samples"] > 0, f"focus hidden (2.4.11): {stop}"
        assert stop["indicator"], f"no visible focus indicator: {stop}"


@pytest.mark.parametrize("viewport", [NARROW, WIDE], ids=["320px", "1280px"])
def test_wcag_22_aa_at_narrow_and_wide_widths(
    conversation: Conversation, viewport: dict[str, int]
) -> None:
    page = conversation.page
    wait_ready(page)
    assert page.locator(".pf-plan-card").count() == 1
    page.set_viewport_size(viewport)
    try:
        assert axe_violations(page) == []
        assert reflow(page) == FITS
        assert small_targets(page) == []
        set_text_spacing(page, True)
        try:
            spaced = page.locator(".pf-why").first.evaluate(
                "e => [getComputedStyle(e).marginBottom, getComputedStyle(e).wordSpacing]"
            )
            assert spaced == ["32px", "2.56px"]  # 2em and 0.16em of 16px: the spacing is on
            assert reflow(page) == FITS, "text spacing (1.4.12) breaks the layout"
        finally:
            set_text_spacing(page, False)
        # Tab through every control once, from the page's start to past the widget.
        page.locator(".pf-toggle").focus()
        stops = press_until(page, "Tab", ".pf-send")
        assert len(stops) >= page.locator(".pf-plan-card a").count() + 4
        for stop in stops:
            assert stop["visible_samples"] > 0, f"focus hidden (2.4.11): {stop}"
            assert stop["indicator"], f"no visible focus indicator: {stop}"
    finally:
        page.set_viewport_size(WIDE)


def test_the_log_is_announced_and_controls_are_labelled(conversation: Conversation) -> None:
    page = conversation.page
    log = page.get_by_role("log", name="Conversation with Pathfinder")
    assert log.get_attribute("aria-live") == "polite"
    assert page.get_by_label("Your message").count() == 1
    assert page.get_by_role("button", name="Send").count() == 1
    assert page.get_by_role("button", name="Start again").count() == 1
    page.get_by_label("Your message").focus()
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"


def test_the_log_announces_new_messages_not_the_replayed_history(
    server: str, browser: Browser
) -> None:
    context = new_context(browser)
    try:
        page = context.new_page()
        page.goto(f"{server}/webhooks/widget/demo")
        open_with_keyboard(page)
        page.locator(GREETED).wait_for()
        say(page, ROLE)
        page.locator(".pf-archetype-card").wait_for()
        watch_live_region(page)
        page.reload()
        wait_ready(page)
        page.locator(".pf-archetype-card").wait_for()
        replayed = log_additions(page)
        before = bot_count(page)
        page.get_by_role("button", name="Start again").click()
        page.locator(GREETED).wait_for()
        live = log_additions(page)[len(replayed):]
    finally:
        context.close()

    assert before >= 2 and len(replayed) >= before
    assert {a["live"] for a in replayed} == {"off"}, replayed
    assert live and {a["live"] for a in live} == {"polite"}, live


def test_the_accessibility_statement_is_served_and_linked(
    server: str, conversation: Conversation
) -> None:
    statement = requests.get(f"{server}/pathfinder/accessibility", timeout=10)
    assert statement.status_code == 200
    assert statement.content == (REPO / "web" / "public" / "accessibility.html").read_bytes()
    assert "script-src 'none'" in statement.headers["Content-Security-Policy"]
    link = conversation.page.get_by_role("link", name="Accessibility statement")
    assert link.get_attribute("href") == f"{server}/pathfinder/accessibility"
    link = conversation.page.get_by_role("link", name="Privacy notice")
    assert link.get_attribute("href") == f"{server}/pathfinder/privacy"


@pytest.mark.parametrize(
    ("route", "heading"),
    [("accessibility", "Accessibility statement for Pathfinder"), ("privacy", "Privacy notice"),
     ("how-pathfinder-decides", "How Pathfinder decides")],
)
def test_the_documents_pass_wcag_22_aa_at_both_widths(
    server: str, browser: Browser, route: str, heading: str
) -> None:
    context = new_context(browser)
    try:
        page = context.new_page()
        for viewport in (NARROW, WIDE):
            page.set_viewport_size(viewport)
            page.goto(f"{server}/pathfinder/{route}")
            assert page.locator("h1").inner_text() == heading
            assert axe_violations(page) == []
            assert page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            ) == 0
    finally:
        context.close()


# (d) injection ---------------------------------------------------------------------------------


def test_html_in_a_message_is_shown_as_text_and_never_runs(
    server: str, browser: Browser
) -> None:
    # The page's CSP would block inline scripts anyway; bypass it so only the widget is tested.
    context = new_context(browser, bypass_csp=True)
    dialogs: list[str] = []
    try:
        page = context.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(f"{server}/webhooks/widget/demo")
        open_with_keyboard(page)
        page.locator(GREETED).wait_for()
        before = bot_count(page)
        say(page, INJECTION)
        wait_bot_count_above(page, before)
        for attempt in ("live", "replayed"):
            assert user_texts(page) == [INJECTION], attempt
            assert page.locator("#pathfinder-chat img, #pathfinder-chat script").count() == 0
            if attempt == "live":
                page.reload()
                wait_ready(page)
        assert dialogs == []
    finally:
        context.close()


# (e) nobody else can join ----------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["copied sender id", "forged token"])
def test_another_browser_cannot_join_the_conversation(
    server: str, browser: Browser, conversation: Conversation, kind: str
) -> None:
    events_before = len(tracker(server, conversation.sender_id)["events"])
    if kind == "copied sender id":
        token = conversation.sender_id
    else:
        token = TokenSigner(b"not-the-server-secret" * 2, 3600).sign(
            conversation.sender_id, int(time.time()) + 3600
        )
    context = new_context(browser)
    try:
        preset_session(context, {**conversation.session, "token": token})
        page = context.new_page()
        page.goto(f"{server}/webhooks/widget/demo")
        wait_ready(page)
        page.locator(GREETED).wait_for()
        text = log_text(page)
        assert "couldn't continue that conversation" in text
        assert ROLE not in text and page.locator(".pf-plan-card").count() == 0
        assert token_subject(stored_session(page)["token"]) != conversation.sender_id
    finally:
        context.close()
    assert len(tracker(server, conversation.sender_id)["events"]) == events_before


def test_raw_socket_attempts_are_refused(
    server: str, browser: Browser, conversation: Conversation
) -> None:
    events_before = len(tracker(server, conversation.sender_id)["events"])
    sender_id = conversation.sender_id
    expired = TokenSigner(SECRET.encode(), 60).sign(sender_id, int(time.time()) - 1)
    own = requests.post(f"{server}/webhooks/widget/session", timeout=10).json()["token"]
    refused = {
        "stock session id": ({"session_id": sender_id}, "invalid"),
        "expired token": ({"token": expired}, "expired"),
        "no data": (None, "invalid"),
    }
    context = new_context(browser)
    try:
        page = context.new_page()
        load_socket_client(page, server)
        for name, (data, code) in refused.items():
            seen = raw_socket(page, server, [
                ("user_uttered", {"message": "hi", "session_id": sender_id}, "pathfinder_error"),
                ("session_request", data, "pathfinder_error"),
            ])
            assert [r["code"] for r in seen["results"]] == ["no_session", code], name
            assert set(seen["events"]) == {"pathfinder_error"}, name
        # With its own valid token, naming the other conversation's id changes nothing there.
        seen = raw_socket(page, server, [
            ("session_request", {"token": own}, "history"),
            ("user_uttered", {"message": "/greet", "session_id": sender_id}, "bot_uttered"),
        ])
        assert seen["results"][0] == {"messages": []}
        assert "text" in seen["results"][1]
    finally:
        context.close()
    assert len(tracker(server, sender_id)["events"]) == events_before
    assert [e["text"] for e in user_events(server, token_subject(own))] == ["/greet"]


def test_a_message_over_the_cap_is_refused_and_the_page_keeps_to_it(
    server: str, browser: Browser, conversation: Conversation
) -> None:
    assert conversation.page.evaluate("document.querySelector('#pf-input').maxLength") == (
        MAX_MESSAGE_LENGTH
    )
    own = requests.post(f"{server}/webhooks/widget/session", timeout=10).json()["token"]
    context = new_context(browser)
    try:
        page = context.new_page()
        load_socket_client(page, server)
        seen = raw_socket(page, server, [
            ("session_request", {"token": own}, "history"),
            ("user_uttered", {"message": "a" * (MAX_MESSAGE_LENGTH + 1)}, "pathfinder_error"),
            ("user_uttered", {"message": "/greet"}, "bot_uttered"),
        ])
    finally:
        context.close()
    assert seen["results"][1] == {"code": "bad_message", "message": TOO_LONG}
    assert "text" in seen["results"][2]  # the conversation carries on
    assert [e["text"] for e in user_events(server, token_subject(own))] == ["/greet"]


# Restart, HTTP routes and the renderer ---------------------------------------------------------


# Records what the typing indicator said while it was on (a reply may come back quickly).
TYPING_WATCH = """() => {
  window.typingSeen = [];
  const typing = document.querySelector('.pf-typing');
  new MutationObserver(() => {
    if (typing.classList.contains('pf-typing-on')) window.typingSeen.push(typing.textContent);
  }).observe(typing, {attributes: true, childList: true, subtree: true, characterData: true});
}"""


def test_typing_escape_and_start_again(server: str, browser: Browser) -> None:
    context = new_context(browser)
    try:
        page = context.new_page()
        page.goto(f"{server}/webhooks/widget/demo")
        open_with_keyboard(page)
        page.locator(GREETED).wait_for()
        page.evaluate(TYPING_WATCH)
        say(page, ROLE)
        page.locator(".pf-archetype-card").wait_for()
        assert page.evaluate("window.typingSeen") == ["Pathfinder is typing…"]
        assert page.locator(".pf-typing").inner_text() == ""
        page.keyboard.press("Escape")
        assert page.locator("#pf-panel").is_hidden()
        assert page.evaluate("document.activeElement.textContent") == "Open chat"
        page.keyboard.press("Enter")
        page.get_by_role("button", name="Start again").click()
        page.locator(GREETED).wait_for()
        restarted = log_text(page)
        assert ROLE not in restarted and page.locator(".pf-archetype-card").count() == 0
        assert focused_is(page, GREETED), "the new reply did not take the focus"
        page.reload()
        wait_ready(page)
        assert log_text(page) == restarted
        assert page.locator(GREETED).count() == 1
    finally:
        context.close()


def test_http_routes(server: str) -> None:
    demo = requests.get(f"{server}/webhooks/widget/demo", timeout=10)
    assert demo.status_code == 200
    assert "script-src 'self'" in demo.headers["Content-Security-Policy"]
    script = requests.get(f"{server}/webhooks/widget/static/pathfinder-widget.js", timeout=10)
    assert script.status_code == 200
    assert script.headers["Content-Type"].startswith("text/javascript")
    assert requests.get(f"{server}/webhooks/widget/static/..%2Fpackage.json",
                        timeout=10).status_code == 404
    session = requests.post(f"{server}/webhooks/widget/session", timeout=10)
    assert session.headers["Cache-Control"] == "no-store"
    assert session.json()["socket"] == {
        "path": "/socket.io", "namespace": "/", "user_event": "user_uttered",
        "bot_event": "bot_uttered", "max_message_length": MAX_MESSAGE_LENGTH,
    }
    privacy = requests.get(f"{server}/pathfinder/privacy", timeout=10)
    notice = REPO / "web" / "public" / "privacy.html"
    if notice.exists():
        assert privacy.status_code == 200 and privacy.content == notice.read_bytes()
        assert "script-src 'none'" in privacy.headers["Content-Security-Policy"]
    else:
        assert privacy.status_code == 404 and "not been published" in privacy.text


def test_how_pathfinder_decides_is_published_from_the_doc(server: str) -> None:
    page = requests.get(f"{server}/pathfinder/how-pathfinder-decides", timeout=10)
    assert page.status_code == 200
    assert "script-src 'none'" in page.headers["Content-Security-Policy"]
    doc = (REPO / "docs" / "how-pathfinder-decides.md").read_text(encoding="utf-8")
    first_paragraph = " ".join(doc.split("\n\n")[1].split())
    assert first_paragraph[:60] in " ".join(page.text.split())


MARKDOWN_CASES = {
    "**Bold**, *italic* and [NHS](https://www.nhs.uk/)":
        '<p><strong>Bold</strong>, <em>italic</em> and <a href="https://www.nhs.uk/" '
        'target="_blank" rel="noopener noreferrer">NHS<span class="pf-visually-hidden"> '
        "(opens in a new tab)</span></a></p>",
    "[x](javascript:alert(1)) [y](data:text/html,hi) <b>z</b>":
        "<p>[x](javascript:alert(1)) [y](data:text/html,hi) &lt;b&gt;z&lt;/b&gt;</p>",
    "Intro\n- one\n- **two**\n\n1. first\n2. second\nend":
        "<p>Intro</p><ul><li>one</li><li><strong>two</strong></li></ul>"
        "<ol><li>first</li><li>second</li></ol><p>end</p>",
    "line one\nline two": "<p>line one<br>line two</p>",
    "See https://example.org/a.": '<p>See <a href="https://example.org/a" target="_blank" '
        'rel="noopener noreferrer">https://example.org/a<span class="pf-visually-hidden"> '
        "(opens in a new tab)</span></a>.</p>",
    "# Heading and `code` stay as typed": "<p># Heading and `code` stay as typed</p>",
}


CARDS_PROBE = """() => {
  const card = window.pf.archetypeCard({primary: "embedders", confident: false,
    title: "Your <i>likely</i> archetype", lead: "<b>lead</b>", example: "e", archetypes: [
    {key: "users", name: "Users", score: 0.4, match: "40% match", evidence: ["b"]},
    {key: "embedders", name: "Embedders", score: 0.81, match: "81% match",
     evidence: ["you said <script>x</script>"]},
  ]});
  const texts = (root, selector) => [...root.querySelectorAll(selector)].map(e => e.textContent);
  const handoff = window.pf.handoffCard({team: "the learning team",
    email: "learning@example.nhs.uk", url: "javascript:alert(1)", summary: "**Role**: nurse"});
  return {
    names: texts(card, ".pf-archetype-name"),
    scores: texts(card, ".pf-score"),
    evidence: texts(card, ".pf-evidence li"),
    words: texts(card, ".pf-card-title, .pf-lead, .pf-example"),
    scripts: card.querySelectorAll("script").length,
    handoffLinks: [...handoff.querySelectorAll("a")].map(a => a.href),
    handoffBold: handoff.querySelector("strong").textContent,
  };
}"""


def test_markdown_and_cards_are_rendered_safely(browser: Browser) -> None:
    context = new_context(browser)
    try:
        page = context.new_page()
        load_source_modules(page)
        for text, html in MARKDOWN_CASES.items():
            rendered = page.evaluate(
                "t => { const d = document.createElement('div');"
                " d.appendChild(window.pf.renderMarkdown(t)); return d.innerHTML; }", text
            )
            assert rendered == html, text
        hostile = page.evaluate(
            """() => window.pf.planCard({archetypes: ["<i>x</i>"], level: "new", steps: [{
                 title: "<img src=x>", why: "w", capability_areas: ["a"],
                 offerings: [{title: "t", url: "javascript:alert(1)", facts: ["<b>p</b>"]}]}]},
                 () => {}).outerHTML"""
        )
        assert "<img" not in hostile and "<b>" not in hostile and "javascript:" not in hostile
        assert "&lt;img src=x&gt;" in hostile
        assert page.evaluate(CARDS_PROBE) == {
            "names": ["Embedders", "Users"],
            "scores": ["81% match", "40% match"],
            "evidence": ["you said <script>x</script>", "b"],
            "words": ["Your <i>likely</i> archetype", "<b>lead</b>", "e"],
            "scripts": 0,
            "handoffLinks": ["mailto:learning@example.nhs.uk"],
            "handoffBold": "Role",
        }
    finally:
        context.close()


# What the widget shows of real cards, as the actions build them.
DRAW_PROBE = """({plan, result}) => {
  const texts = (root, selector) => [...root.querySelectorAll(selector)].map(e => e.textContent);
  const drawn = window.pf.planCard(plan, () => {});
  const profile = window.pf.archetypeCard(result);
  return {
    plan: texts(drawn, ".pf-card-title, .pf-plan-intro"),
    facts: texts(drawn, ".pf-facts"),
    gaps: texts(drawn, ".pf-gap-list li"),
    parts: texts(drawn, ".pf-part-title"),
    links: [...drawn.querySelectorAll(".pf-offering a")].map(a => a.getAttribute("href")),
    result: texts(profile, ".pf-card-title, .pf-lead, .pf-example"),
    matches: texts(profile, ".pf-score"),
  };
}"""


# What the widget says for each step's reasons, in reading order.
REASONS_PROBE = """plan => [...window.pf.planCard(plan, () => {}).querySelectorAll(".pf-step")]
  .map(step => [...step.children].flatMap(e =>
    e.matches(".pf-why") ? [["lead", e.textContent]]
    : e.matches("h5.pf-reason-heading") ? [["heading", e.textContent]]
    : e.matches("ul.pf-reason-points") ? [...e.children].map(li => ["point", li.textContent])
    : []))"""


def test_the_widget_lists_a_steps_needs_under_a_heading_per_archetype(
    browser: Browser, store: CatalogueSnapshot
) -> None:
    plan = plan_card(step_reasons.two_archetype_plan(store), step_reasons.NAMES)
    step_reasons.check_covers_the_cases(plan["steps"])
    saved_before = json.loads(json.dumps(plan))  # a plan from before steps carried reasons
    for step in saved_before["steps"]:
        step.pop("lead", None)
        step.pop("reasons")
    hostile = json.loads(json.dumps(plan))
    hostile["steps"][0]["reasons"][0]["heading"] = "<img src=x>"
    context = new_context(browser)
    try:
        page = context.new_page()
        load_source_modules(page)
        shown = page.evaluate(REASONS_PROBE, plan)
        shown_before = page.evaluate(REASONS_PROBE, saved_before)
        html = page.evaluate("p => window.pf.planCard(p, () => {}).outerHTML", hostile)
    finally:
        context.close()
    assert [[tuple(said) for said in step] for step in shown] == [
        step_reasons.expected(step) for step in plan["steps"]
    ]
    assert shown_before == [[["lead", step["why"]]] for step in plan["steps"]]
    assert "<img" not in html and "&lt;img src=x&gt;" in html


def test_the_widget_shows_the_cards_own_words(browser: Browser, store: CatalogueSnapshot) -> None:
    data = build_plan(store, ["users", "creators"], "new", filters=["free"]).to_payload()
    plan = plan_card(data, ["Users", "Creators"])
    offerings = [o for step in plan["steps"] for o in step["offerings"]] + plan["funded_places"]
    for offering in offerings:
        offering["tracked_url"] = f"https://pathfinder.example.nhs.uk/go/{offering['key']}"
    result = archetype_card(identify(store, ROLE), store)
    context = new_context(browser)
    try:
        page = context.new_page()
        load_source_modules(page)
        shown = page.evaluate(DRAW_PROBE, {"plan": plan, "result": result})
    finally:
        context.close()
    assert shown["plan"] == [plan["title"], plan["intro"]]
    assert shown["facts"] == [" · ".join(o["facts"]) for o in offerings]
    assert shown["gaps"] == [gap["text"] for gap in plan["gaps"]]
    assert shown["parts"] == [plan["gaps_heading"], plan["funded_heading"]]
    assert shown["links"] == [o["tracked_url"] for o in offerings]  # counted on the way
    assert shown["result"] == [result["title"], result["lead"], result["example"]]
    assert shown["matches"] == [a["match"] for a in result["archetypes"]]
