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
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
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


def say(page: Page, text: str) -> None:
    page.locator("#pf-input").focus()
    page.keyboard.type(text)
    page.keyboard.press("Enter")


def choose_reply(page: Page, payload_selector: str) -> str:
    """Shift+Tab from the input back to the suggested reply, then Enter (keyboard only).

    Returns the reply's title, which the log then shows as the person's message.
    """
    target = page.locator(f".pf-quick-reply{payload_selector}")
    target.wait_for()
    title = target.inner_text()
    page.locator("#pf-input").focus()
    for _ in range(15):
        page.keyboard.press("Shift+Tab")
        if target.evaluate("b => b === document.activeElement"):
            page.keyboard.press("Enter")
            return title
    raise AssertionError(f"no keyboard path to the reply {payload_selector}")


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
    """axe-core (from web/node_modules) on the whole page, WCAG 2.1 A and AA rules."""
    page.evaluate((WEB / "node_modules" / "axe-core" / "axe.min.js").read_text())
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    return [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]]}
        for v in result["violations"]
    ]


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
