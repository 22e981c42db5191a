"""Helpers for driving the web widget in headless Chromium (Debian's, never a downloaded one).

Playwright for Python launches /usr/bin/chromium. Waits are bounded; selectors use the message
contract (button payloads), not the bot's wording, where they can.
"""

from __future__ import annotations

import base64
import json
import subprocess
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, BrowserContext, Page, Route

from tests.support.servers import REPO

WEB = REPO / "web"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TURN_TIMEOUT_MS = 20_000
STORAGE_KEY = "pathfinder.widget.session"
OPEN_KEY = "pathfinder.widget.open"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# 1280 x 1024 at 400% zoom is 320 x 256 CSS px (WCAG 1.4.10 Reflow); and the desktop itself.
NARROW = {"width": 320, "height": 256}
WIDE = {"width": 1280, "height": 1024}
MIN_TARGET_PX = 24  # WCAG 2.5.8 Target Size (Minimum)
# The keyboard journey ends by pressing this control (the plan card's "Download my plan") and
# expects this file (the PDF, for an appraisal portfolio).
PLAN_DOWNLOAD = ".pf-plan-card .pf-download"
PLAN_FILE = "pathfinder-plan.pdf"
MAX_TAB_STOPS = 80
SOURCE_ORIGIN = "http://widget-source.test"
SOCKET_IO = "socket.io.min.js"


def build_widget() -> None:
    """Bundle web/src so the server serves what the tests read (`npm ci` installed esbuild)."""
    if not (WEB / "node_modules" / ".bin" / "esbuild").exists():
        raise RuntimeError("web/node_modules is missing: run `npm ci` in web/ first")
    subprocess.run(["npm", "run", "--silent", "build"], cwd=WEB, check=True, timeout=120,
                   capture_output=True)


def new_context(browser: Browser, **options: Any) -> BrowserContext:
    context = browser.new_context(viewport={"width": 1000, "height": 1100}, **options)
    context.set_default_timeout(TURN_TIMEOUT_MS)
    return context


def wait_ready(page: Page) -> None:
    # Locators, not wait_for_function: the demo page's CSP forbids the eval that one needs.
    page.locator("#pathfinder-chat[data-state='ready']").wait_for()


def open_with_keyboard(page: Page) -> None:
    """Tab to "Open chat", press Enter: the panel opens and the input has the focus."""
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('pf-toggle')"):
            break
    else:
        raise AssertionError("the Open chat button is not reachable with Tab")
    page.keyboard.press("Enter")
    wait_ready(page)


def focused_is(page: Page, selector: str) -> bool:
    return page.evaluate("s => document.activeElement.matches(s)", selector)


def press_until(page: Page, key: str, selector: str) -> list[dict[str, Any]]:
    """Press `key` (Tab or Shift+Tab) until `selector` has the focus; returns every stop seen.

    Each stop is FOCUS_PROBE's reading of the focused control, so callers can check that none
    was hidden or shown without a focus indicator on the way.
    """
    stops = []
    for _ in range(MAX_TAB_STOPS):
        if focused_is(page, selector):
            return stops
        page.keyboard.press(key)
        stops.append(page.evaluate(FOCUS_PROBE))
    raise AssertionError(f"{selector} is not reachable with {key}")


def say(page: Page, text: str) -> None:
    page.locator("#pf-input").focus()
    page.keyboard.type(text)
    page.keyboard.press("Enter")


def choose_reply(page: Page, payload_selector: str) -> str:
    """Tab from where the focus is (the new replies) to the suggested reply, then Enter.

    Keyboard only. Returns the reply's title, which the log then shows as the person's message.
    """
    selector = f".pf-quick-reply{payload_selector}"
    target = page.locator(selector)
    target.wait_for()
    title = target.inner_text()
    press_until(page, "Tab", selector)
    page.keyboard.press("Enter")
    return title


def log_text(page: Page) -> str:
    return page.locator(".pf-log").inner_text()


def user_texts(page: Page) -> list[str]:
    return page.locator(".pf-msg-user").evaluate_all(
        "items => items.map(i => i.lastElementChild.textContent)"
    )


def bot_count(page: Page) -> int:
    return page.locator(".pf-msg-bot").count()


def wait_bot_count_above(page: Page, count: int) -> None:
    page.locator(".pf-msg-bot").nth(count).wait_for()


def stored_session(page: Page) -> dict[str, Any]:
    return json.loads(page.evaluate(f"sessionStorage.getItem('{STORAGE_KEY}')"))


def token_subject(token: str) -> str:
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))["sub"]


def preset_session(context: BrowserContext, session: dict[str, Any]) -> None:
    """Before any page script runs, store `session` as if this tab had talked before."""
    context.add_init_script(
        f"sessionStorage.setItem({json.dumps(STORAGE_KEY)}, {json.dumps(json.dumps(session))});"
        f"sessionStorage.setItem({json.dumps(OPEN_KEY)}, '1');"
    )


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """axe-core (from web/node_modules) on the whole page, WCAG 2.0 to 2.2 A and AA rules."""
    page.evaluate((WEB / "node_modules" / "axe-core" / "axe.min.js").read_text())
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    return [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]]}
        for v in result["violations"]
    ]


# What the focused control looks like: whether any of it can be seen (WCAG 2.4.11: sampled with
# elementFromPoint, so anything drawn over it or a scrolling box clipping it counts as hiding
# it) and whether it shows a focus indicator (an outline of at least 2px, as the widget's).
FOCUS_PROBE = """() => {
  const el = document.activeElement;
  let seen = 0;
  for (const rect of el.getClientRects()) {  // each line of a link that wraps
    const left = Math.max(rect.left, 0), right = Math.min(rect.right, innerWidth);
    const top = Math.max(rect.top, 0), bottom = Math.min(rect.bottom, innerHeight);
    for (let i = 1; i <= 3 && right > left && bottom > top; i++) {
      for (let j = 1; j <= 3; j++) {
        const hit = document.elementFromPoint(left + (right - left) * i / 4,
                                              top + (bottom - top) * j / 4);
        if (hit && (hit === el || el.contains(hit))) seen++;
      }
    }
  }
  const style = getComputedStyle(el);
  return {
    control: el.id || el.className || el.tagName,
    text: (el.textContent || "").trim().slice(0, 40),
    visible_samples: seen,
    indicator: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
  };
}"""

# Reflow (WCAG 1.4.10): nothing scrolls sideways, nothing in the widget sticks out of it, and
# no box that hides its overflow cuts off its content.
REFLOW_PROBE = """() => {
  const root = document.getElementById("pathfinder-chat").getBoundingClientRect();
  const shown = [...document.querySelectorAll("#pathfinder-chat *")]
    .filter(e => e.getClientRects().length && !e.closest(".pf-visually-hidden"));
  const outside = shown.filter(e => {
    const r = e.getBoundingClientRect();
    const sideways = ["auto", "scroll", "hidden"].includes(getComputedStyle(e).overflowX)
      && e.scrollWidth > e.clientWidth + 1;
    return sideways || r.left < root.left - 1 || r.right > root.right + 1;
  });
  const clipped = shown.filter(e => {
    const style = getComputedStyle(e);
    const hides = ["hidden", "clip"];
    return (hides.includes(style.overflowX) && e.scrollWidth > e.clientWidth + 1)
      || (hides.includes(style.overflowY) && e.scrollHeight > e.clientHeight + 1);
  });
  const page = document.documentElement;
  return {page_overflow_px: page.scrollWidth - page.clientWidth,
          outside: outside.map(e => e.className || e.tagName),
          clipped: clipped.map(e => e.className || e.tagName)};
}"""
FITS = {"page_overflow_px": 0, "outside": [], "clipped": []}

# Text spacing (WCAG 1.4.12): the spacing a reader's own style sheet may ask for, set on every
# element of the widget through the CSS object model (the demo page's content security policy
# allows no new style sheet) and taken off again.
TEXT_SPACING = """on => {
  const spacing = {"line-height": "1.5", "letter-spacing": "0.12em", "word-spacing": "0.16em"};
  for (const e of document.querySelectorAll("#pathfinder-chat *")) {
    const wanted = e.tagName === "P" ? {...spacing, "margin-bottom": "2em"} : spacing;
    for (const [name, value] of Object.entries(wanted)) {
      if (on) e.style.setProperty(name, value, "important"); else e.style.removeProperty(name);
    }
  }
}"""


def set_text_spacing(page: Page, on: bool) -> None:
    page.evaluate(TEXT_SPACING, on)


# Target size (WCAG 2.5.8): every button, link and field in the widget, measured as drawn, line
# by line for a link that wraps.
TARGETS_PROBE = """min => [...document.querySelectorAll(
    "#pathfinder-chat button, #pathfinder-chat a[href], #pathfinder-chat input")]
  .filter(e => e.getClientRects().length)
  .map(e => ({text: (e.textContent || e.id).trim().slice(0, 40), rects: [...e.getClientRects()]}))
  .filter(t => t.rects.some(r => r.width < min || r.height < min))
  .map(t => `${t.text}: ${t.rects.map(r => `${Math.round(r.width)} x ${Math.round(r.height)}`)}`)"""


def reflow(page: Page) -> dict[str, Any]:
    return page.evaluate(REFLOW_PROBE)


def small_targets(page: Page) -> list[str]:
    return page.evaluate(TARGETS_PROBE, MIN_TARGET_PX)


# Records, in order, each node added to the log and each change of its aria-live attribute;
# LIVE_READ then says, for every added node, whether the log was a live region at that moment.
LIVE_WATCH = """() => {
  window.pfLiveEvents = [];
  new MutationObserver((records) => {
    for (const r of records) {
      if (!(r.target instanceof Element) || !r.target.classList.contains("pf-log")) continue;
      if (r.type === "attributes") window.pfLiveEvents.push(["attr", r.oldValue]);
      else r.addedNodes.forEach(n => window.pfLiveEvents.push(["add", n.textContent]));
    }
  }).observe(document, {subtree: true, childList: true, attributes: true,
                        attributeFilter: ["aria-live"], attributeOldValue: true});
}"""
LIVE_READ = """() => {
  const events = window.pfLiveEvents;
  const olds = events.filter(e => e[0] === "attr").map(e => e[1]);
  const now = document.querySelector(".pf-log").getAttribute("aria-live");
  let changes = 0;
  let live = olds.length ? olds[0] : now;
  const added = [];
  for (const [kind, value] of events) {
    if (kind === "attr") { changes++; live = changes < olds.length ? olds[changes] : now; }
    else added.push({text: value, live});
  }
  return added;
}"""


def watch_live_region(page: Page) -> None:
    """From the next page load on, record how each message reached the log (see LIVE_READ)."""
    page.add_init_script(f"({LIVE_WATCH})()")


def log_additions(page: Page) -> list[dict[str, str]]:
    return page.evaluate(LIVE_READ)


def load_source_modules(page: Page) -> None:
    """Import web/src's modules straight from disk into a blank page (window.pf)."""

    def serve(route: Route) -> None:
        name = route.request.url.removeprefix(SOURCE_ORIGIN + "/")
        if name == "index.html":
            body = ('<!doctype html><html lang="en"><body><script type="module">'
                    'import * as md from "./markdown.js"; import * as cards from "./cards.js";'
                    'window.pf = {...md, ...cards};</script></body></html>')
            route.fulfill(status=200, content_type="text/html", body=body)
            return
        path = WEB / "src" / Path(name).name
        route.fulfill(status=200, content_type="text/javascript", body=path.read_text())

    page.route(f"{SOURCE_ORIGIN}/**", serve)
    page.goto(f"{SOURCE_ORIGIN}/index.html")
    page.wait_for_function("window.pf !== undefined")


# Runs in a page that has socket.io-client's own bundle: one fresh socket sends each step's
# event and waits (at most 10 s) for the event the step expects; data null sends no argument.
RAW_SOCKET = """async ({url, steps}) => {
  const socket = io(url, {transports: ["websocket"], reconnection: false, forceNew: true});
  const seen = [];
  let wake = () => {};
  socket.onAny((event, data) => { seen.push([event, data]); wake(); });
  await new Promise((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("connect_error", reject);
  });
  const results = [];
  for (const [event, data, expected] of steps) {
    const from = seen.length;
    if (data === null) socket.emit(event); else socket.emit(event, data);
    results.push(await new Promise((resolve) => {
      const timer = setTimeout(() => resolve("no " + expected), 10000);
      wake = () => {
        const hit = seen.slice(from).find(([name]) => name === expected);
        if (hit) { clearTimeout(timer); resolve(hit[1]); }
      };
      wake();
    }));
  }
  socket.disconnect();
  return {results, events: seen.map(([name]) => name)};
}"""


def load_socket_client(page: Page, server: str) -> None:
    """A page on the server's origin with the plain socket.io client (no widget, no CSP)."""
    page.goto(f"{server}/webhooks/widget/")
    page.add_script_tag(path=WEB / "node_modules" / "socket.io-client" / "dist" / SOCKET_IO)


def raw_socket(page: Page, server: str, steps: list[tuple[str, Any, str]]) -> dict[str, Any]:
    """What a hostile page could do with its own socket: see RAW_SOCKET."""
    return page.evaluate(RAW_SOCKET, {"url": server, "steps": [list(step) for step in steps]})
