"""The widget's files: the built script and style sheet, the demo page, the privacy notice, the
accessibility statement and "How Pathfinder decides".

Everything the page needs comes from this server (no public CDN). The bundle is built by
`npm ci` in web/ (its `prepare` script runs esbuild); only the files named here are served.
"""

from __future__ import annotations

from functools import lru_cache
from html import escape
from pathlib import Path

from markdown_it import MarkdownIt
from sanic import response
from sanic.response import HTTPResponse

WEB_DIR = Path(__file__).resolve().parents[2] / "web"

ASSETS = {
    "pathfinder-widget.js": ("dist/pathfinder-widget.js", "text/javascript; charset=utf-8"),
    "pathfinder-widget.css": ("dist/pathfinder-widget.css", "text/css; charset=utf-8"),
    "demo.css": ("public/demo.css", "text/css; charset=utf-8"),
    "document.css": ("public/document.css", "text/css; charset=utf-8"),
}
DEMO_PAGE = "public/demo.html"
PRIVACY_PAGE = "public/privacy.html"
ACCESSIBILITY_PAGE = "public/accessibility.html"
DECISIONS_DOC = Path(__file__).resolve().parents[2] / "docs" / "how-pathfinder-decides.md"

# The demo page loads only this server's script, styles and socket; the documents (privacy notice,
# accessibility statement, how Pathfinder decides) load only the shared style sheet, no scripts.
DEMO_POLICY = (
    "default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self'; "
    "script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'self'"
)
DOCUMENT_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; "
    "script-src 'none'; object-src 'none'; base-uri 'none'; frame-ancestors 'self'"
)
COMMON_HEADERS = {"X-Content-Type-Options": "nosniff", "Cache-Control": "no-cache"}


def _text(status: int, message: str) -> HTTPResponse:
    return response.text(message, status=status, headers=COMMON_HEADERS)


def asset(name: str, web_dir: Path = WEB_DIR) -> HTTPResponse:
    """One of the built files, or a message saying how to build them."""
    if name not in ASSETS:
        return _text(404, f"No widget file called {name!r}.")
    relative, content_type = ASSETS[name]
    path = web_dir / relative
    if not path.is_file():
        return _text(503, "The widget has not been built: run `npm ci` in the web/ folder.")
    return response.raw(path.read_bytes(), content_type=content_type, headers=COMMON_HEADERS)


def page(relative: str, missing: str, policy: str, web_dir: Path = WEB_DIR) -> HTTPResponse:
    """An HTML page from web/, with a content security policy."""
    path = web_dir / relative
    if not path.is_file():
        return _text(404, missing)
    return response.raw(
        path.read_bytes(),
        content_type="text/html; charset=utf-8",
        headers={**COMMON_HEADERS, "Content-Security-Policy": policy},
    )


@lru_cache(maxsize=4)
def _document_html(path: Path, mtime: float) -> bytes:
    """A Markdown document as a plain, accessible page (cached until the file changes)."""
    text = path.read_text(encoding="utf-8")
    body = MarkdownIt("commonmark", {"html": False}).render(text)
    title = text.lstrip("# ").splitlines()[0].strip() if text.strip() else "Pathfinder"
    return (
        '<!doctype html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)} – Pathfinder</title>\n<link rel=\"icon\" href=\"data:,\">\n"
        '<link rel="stylesheet" href="/webhooks/widget/static/document.css">\n'
        "</head>\n<body>\n"
        "<header><p>Pathfinder</p></header>\n"
        f"<main>\n{body}</main>\n</body>\n</html>\n"
    ).encode()


def document(path: Path, missing: str, policy: str) -> HTTPResponse:
    """A Markdown document from the repository as an HTML page, with a content security policy."""
    if not path.is_file():
        return _text(404, missing)
    return response.raw(
        _document_html(path, path.stat().st_mtime),
        content_type="text/html; charset=utf-8",
        headers={**COMMON_HEADERS, "Content-Security-Policy": policy},
    )
