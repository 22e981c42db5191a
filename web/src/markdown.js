// Safe light Markdown: **bold**, *italics*, [title](url), bare links, "- " bullets, numbered
// lines and line breaks become DOM nodes; everything else is shown literally. Text only ever reaches the page
// through textContent / createTextNode, so HTML in a message is displayed, never interpreted.

const INLINE =
  /\*\*([^*\n]+?)\*\*|\*(?!\s)([^*\n]+?)(?<!\s)\*|\[([^\]\n]+)\]\(([^)\s]+)\)|(https?:\/\/[^\s<>"]+)/g;
const BULLET = /^\s*[-*•]\s+(.*)$/;
const NUMBERED = /^\s*(\d{1,3})[.)]\s+(.*)$/;
const CONTINUATION = /^\s{2,}\S/;
const TRAILING_PUNCTUATION = /[.,;:!?)]+$/;

/** The URL as a string if it is an absolute http(s) address, else null. */
export function safeUrl(raw) {
  try {
    const url = new URL(String(raw));
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch (error) {
    return null;
  }
}

/** A link that opens in a new tab without giving the new page a handle on this one. */
export function link(href, text) {
  const a = document.createElement("a");
  a.href = href;
  a.target = "_blank";
  a.rel = "noopener noreferrer";
  a.textContent = text;
  const hint = document.createElement("span");
  hint.className = "pf-visually-hidden";
  hint.textContent = " (opens in a new tab)";
  a.appendChild(hint);
  return a;
}

function splitBareUrl(raw) {
  // "see https://x.org/a." -> link "https://x.org/a", then "." as text
  const tail = (raw.match(TRAILING_PUNCTUATION) || [""])[0];
  return [raw.slice(0, raw.length - tail.length), tail];
}

/** Inline Markdown in one line, appended to `parent`; emphasis does not nest. */
export function appendInline(parent, text, allowEmphasis = true) {
  let last = 0;
  for (const match of text.matchAll(INLINE)) {
    const [whole, bold, italic, title, target, bare] = match;
    let nodes = null;
    let consumed = whole;
    if ((bold !== undefined || italic !== undefined) && allowEmphasis) {
      const emphasis = document.createElement(bold !== undefined ? "strong" : "em");
      appendInline(emphasis, bold !== undefined ? bold : italic, false);
      nodes = [emphasis];
    } else if (title !== undefined && safeUrl(target)) {
      nodes = [link(safeUrl(target), title)];
    } else if (bare !== undefined) {
      const [url, tail] = splitBareUrl(bare);
      if (safeUrl(url)) {
        nodes = [link(safeUrl(url), url)];
        consumed = url;
      }
    }
    if (!nodes) continue;
    parent.appendChild(document.createTextNode(text.slice(last, match.index)));
    nodes.forEach((node) => parent.appendChild(node));
    last = match.index + consumed.length;
  }
  parent.appendChild(document.createTextNode(text.slice(last)));
}

function appendLines(parent, lines) {
  lines.forEach((line, index) => {
    if (index > 0) parent.appendChild(document.createElement("br"));
    appendInline(parent, line.trim());
  });
}

/** Group lines into paragraphs and lists. */
function blocks(text) {
  const result = [];
  let current = null;
  for (const line of text.replace(/\r\n?/g, "\n").split("\n")) {
    const bullet = line.match(BULLET);
    const numbered = bullet ? null : line.match(NUMBERED);
    if (bullet || numbered) {
      const kind = bullet ? "ul" : "ol";
      if (!current || current.kind !== kind) {
        current = { kind, items: [], start: numbered ? Number(numbered[1]) : 1 };
        result.push(current);
      }
      current.items.push([bullet ? bullet[1] : numbered[2]]);
    } else if (!line.trim()) {
      current = null;
    } else if (current && current.kind !== "p" && CONTINUATION.test(line)) {
      current.items[current.items.length - 1].push(line);
    } else {
      if (!current || current.kind !== "p") {
        current = { kind: "p", lines: [] };
        result.push(current);
      }
      current.lines.push(line);
    }
  }
  return result;
}

/** A fragment holding `text` rendered as safe Markdown. */
export function renderMarkdown(text) {
  const fragment = document.createDocumentFragment();
  for (const block of blocks(String(text))) {
    if (block.kind === "p") {
      const p = document.createElement("p");
      appendLines(p, block.lines);
      fragment.appendChild(p);
      continue;
    }
    const list = document.createElement(block.kind);
    if (block.kind === "ol" && block.start !== 1) list.start = block.start;
    for (const lines of block.items) {
      const li = document.createElement("li");
      appendLines(li, lines);
      list.appendChild(li);
    }
    fragment.appendChild(list);
  }
  return fragment;
}
