// The structured messages the actions send (docs/payloads.md): archetype result, plan, plan
// summary (a file to download) and hand-off. They arrive worded: headings, leads and every
// offering's facts (level, cost, delivery...) come in the payload, so this file keeps no word
// lists of its own, only layout. Every value is shown with textContent.

import { link, renderMarkdown, safeUrl } from "./markdown.js";

const SAFE_FILENAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,80}$/;

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

function list(items) {
  return Array.isArray(items) ? items : [];
}

function words(value) {
  return typeof value === "string" && value.trim() ? value : null;
}

function paragraph(article, className, text) {
  if (words(text)) article.appendChild(el("p", className, text));
}

function card(className, heading) {
  const article = el("article", `pf-card ${className}`);
  article.appendChild(el("h3", "pf-card-title", heading));
  return article;
}

function percent(score) {
  const value = Number(score);
  return Number.isFinite(value) ? Math.round(Math.max(0, Math.min(1, value)) * 100) : null;
}

function archetypeBlock(entry, headingTag) {
  const block = el("div", "pf-archetype");
  const header = el("div", "pf-archetype-header");
  header.appendChild(el(headingTag, "pf-archetype-name", entry.name || entry.key));
  const score = percent(entry.score);
  if (words(entry.match)) header.appendChild(el("span", "pf-score", entry.match));
  if (score !== null) {
    const bar = el("span", "pf-score-bar");
    bar.setAttribute("aria-hidden", "true");
    const fill = el("span", "pf-score-fill");
    fill.style.width = `${score}%`;
    bar.appendChild(fill);
    header.appendChild(bar);
  }
  block.appendChild(header);
  const evidence = list(entry.evidence).filter((reason) => String(reason).trim());
  if (evidence.length) {
    const ul = el("ul", "pf-evidence");
    evidence.forEach((reason) => ul.appendChild(el("li", null, reason)));
    block.appendChild(ul);
  }
  return block;
}

export function archetypeCard(payload) {
  const article = card("pf-archetype-card", payload.title);
  const entries = list(payload.archetypes).filter((e) => e && typeof e === "object");
  const primary = entries.find((e) => e.key === payload.primary) || entries[0];
  if (!primary) return null;
  paragraph(article, "pf-lead", payload.lead);
  article.appendChild(archetypeBlock(primary, "h4"));
  const others = entries.filter((e) => e !== primary);
  if (others.length) {
    article.appendChild(el("p", "pf-subheading", "You also have something of:"));
    others.forEach((entry) => article.appendChild(archetypeBlock(entry, "h5")));
  }
  paragraph(article, "pf-example", payload.example);
  return article;
}

function offeringItem(offering) {
  const li = el("li", "pf-offering");
  const href = safeUrl(offering.tracked_url) || safeUrl(offering.url); // counted when offered
  const title = offering.title || offering.url || "Untitled";
  li.appendChild(href ? link(href, title) : el("span", "pf-offering-title", title));
  const facts = list(offering.facts).filter(words);
  if (facts.length) li.appendChild(el("p", "pf-facts", facts.join(" · ")));
  return li;
}

function offeringList(offerings, label) {
  const ul = el("ul", "pf-offerings");
  if (words(label)) ul.setAttribute("aria-label", label);
  offerings.filter((o) => o && typeof o === "object").forEach((o) => ul.appendChild(offeringItem(o)));
  return ul;
}

// A step's reasons: its lead, then the needs it meets under a heading per archetype held, as
// the payload groups and words them. A step saved before it carried reasons shows its `why`.
function stepReasons(li, step) {
  const grouped = Array.isArray(step.reasons);
  paragraph(li, "pf-why", grouped ? step.lead : step.lead || step.why);
  list(step.reasons)
    .filter((reason) => reason && words(reason.heading))
    .forEach((reason) => {
      const points = list(reason.points).filter(words);
      if (!points.length) return;
      li.appendChild(el("h5", "pf-reason-heading", reason.heading));
      const ul = el("ul", "pf-reason-points");
      points.forEach((point) => ul.appendChild(el("li", null, point)));
      li.appendChild(ul);
    });
}

function stepItem(step, index) {
  const li = el("li", "pf-step");
  const order = step.order || index + 1;
  li.appendChild(el("h4", "pf-step-title", `Step ${order}: ${step.title || "Learning step"}`));
  stepReasons(li, step);
  const areas = list(step.capability_areas).map(String).filter((a) => a.trim());
  if (areas.length) {
    const p = el("p", "pf-areas");
    p.appendChild(el("span", "pf-label", "Capability areas: "));
    p.appendChild(document.createTextNode(areas.join(", ")));
    li.appendChild(p);
  }
  const offerings = list(step.offerings);
  if (offerings.length) li.appendChild(offeringList(offerings, `Learning for step ${order}`));
  return li;
}

// The parts of a plan that are not steps: needs nothing covers yet, then funded places.
function planParts(payload) {
  const parts = [];
  const gaps = list(payload.gaps).map((g) => g && words(g.text)).filter(Boolean);
  if (gaps.length) {
    const part = el("section", "pf-plan-part pf-gaps");
    part.appendChild(el("h4", "pf-part-title", payload.gaps_heading));
    const ul = el("ul", "pf-gap-list");
    gaps.forEach((gap) => ul.appendChild(el("li", null, gap)));
    part.appendChild(ul);
    parts.push(part);
  }
  const funded = list(payload.funded_places);
  if (funded.length) {
    const part = el("section", "pf-plan-part pf-funded");
    part.appendChild(el("h4", "pf-part-title", payload.funded_heading));
    paragraph(part, "pf-note", payload.funded_note);
    part.appendChild(offeringList(funded, payload.funded_heading));
    parts.push(part);
  }
  return parts;
}

export function planCard(payload, onDownload) {
  const article = card("pf-plan-card", payload.title);
  paragraph(article, "pf-plan-intro", payload.intro);
  const steps = el("ol", "pf-steps");
  list(payload.steps)
    .filter((s) => s && typeof s === "object")
    .forEach((step, index) => steps.appendChild(stepItem(step, index)));
  article.appendChild(steps);
  planParts(payload).forEach((part) => article.appendChild(part));
  const download = el("button", "pf-button pf-download", "Download my plan");
  download.type = "button";
  download.addEventListener("click", onDownload);
  article.appendChild(download);
  return article;
}

function safeName(name, fallback) {
  return SAFE_FILENAME.test(String(name || "")) ? name : fallback;
}

function fileLink(blob, filename, label) {
  const a = el("a", "pf-button pf-file-link", label);
  a.href = URL.createObjectURL(blob);
  a.download = filename;
  return a;
}

/** The PDF bytes of a plan_summary, or null when it carries none (or they do not decode). */
function pdfBlob(pdf) {
  if (!pdf || typeof pdf !== "object" || typeof pdf.base64 !== "string") return null;
  try {
    const bytes = Uint8Array.from(atob(pdf.base64), (c) => c.charCodeAt(0));
    return new Blob([bytes], { type: "application/pdf" });
  } catch (_) {
    return null;
  }
}

/** Download links for the plan: the PDF first (for an appraisal portfolio), then the Markdown.
 * Returns [card, links]; links[0] is the one "Download my plan" saves. */
export function summaryCard(payload) {
  const article = card("pf-summary-card", payload.title);
  paragraph(article, "pf-lead", payload.lead);
  const links = [];
  const pdf = pdfBlob(payload.pdf);
  if (pdf) {
    const name = safeName(payload.pdf.filename, "pathfinder-plan.pdf");
    links.push(fileLink(pdf, name, `Save ${name} (PDF, for your portfolio)`));
  }
  const filename = safeName(payload.filename, "pathfinder-plan.md");
  const markdown = new Blob([String(payload.content || "")], { type: "text/markdown;charset=utf-8" });
  links.push(fileLink(markdown, filename, `Save ${filename} (text)`));
  links.forEach((a) => article.appendChild(a));
  if (words(payload.content)) {
    const content = el("div", "pf-summary-content");
    content.appendChild(renderMarkdown(payload.content));
    article.appendChild(content);
  }
  return [article, links];
}

export function handoffCard(payload) {
  const article = card("pf-handoff-card", payload.title);
  paragraph(article, "pf-lead", payload.lead);
  const email = String(payload.email || "");
  if (/^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/.test(email)) {
    const p = el("p", null, "Email: ");
    const a = el("a", null, email);
    a.href = `mailto:${email}`;
    p.appendChild(a);
    article.appendChild(p);
  }
  const url = safeUrl(payload.url);
  if (url) {
    const p = el("p");
    p.appendChild(link(url, "Contact page"));
    article.appendChild(p);
  }
  if (payload.summary) {
    article.appendChild(el("p", "pf-subheading", "Summary to pass on:"));
    const summary = el("div", "pf-handoff-summary");
    summary.appendChild(renderMarkdown(payload.summary));
    article.appendChild(summary);
  }
  return article;
}
