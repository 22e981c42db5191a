// The structured messages the actions send (see the message contract): archetype result, plan,
// plan summary (a file to download) and hand-off. Every value is shown with textContent.

import { link, renderMarkdown, safeUrl } from "./markdown.js";

const LEVELS = { new: "New to AI", some: "Some experience of AI", experienced: "Experienced with AI" };
const COSTS = { free: "Free", funded: "Funded places", paid: "Paid", unknown: "Cost not stated" };
const DELIVERY = { online: "Online", blended: "Blended", in_person: "In person" };
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

function titleCase(key) {
  const text = String(key || "").replace(/_/g, " ").trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
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
  header.appendChild(el(headingTag, "pf-archetype-name", entry.name || titleCase(entry.key)));
  const score = percent(entry.score);
  if (score !== null) {
    header.appendChild(el("span", "pf-score", `${score}% match`));
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
  const article = card("pf-archetype-card", "Your AI archetype");
  const entries = list(payload.archetypes).filter((e) => e && typeof e === "object");
  const primary = entries.find((e) => e.key === payload.primary) || entries[0];
  if (!primary) return null;
  article.appendChild(archetypeBlock(primary, "h4"));
  if (payload.confident === false) {
    article.appendChild(el("p", "pf-note", "This is a tentative match: tell me more to refine it."));
  }
  const others = entries.filter((e) => e !== primary);
  if (others.length) {
    article.appendChild(el("p", "pf-subheading", "You also have something of:"));
    others.forEach((entry) => article.appendChild(archetypeBlock(entry, "h5")));
  }
  return article;
}

function offeringItem(offering) {
  const li = el("li", "pf-offering");
  const href = safeUrl(offering.url);
  const title = offering.title || offering.url || "Untitled";
  li.appendChild(href ? link(href, title) : el("span", "pf-offering-title", title));
  const facts = [
    offering.provider,
    DELIVERY[offering.delivery] || offering.delivery,
    offering.level !== undefined && offering.level !== null && offering.level !== ""
      ? `Level ${offering.level}`
      : null,
    offering.duration,
    COSTS[offering.cost] || offering.cost,
  ].filter((fact) => fact !== undefined && fact !== null && String(fact).trim());
  if (facts.length) li.appendChild(el("p", "pf-facts", facts.join(" · ")));
  return li;
}

function stepItem(step, index) {
  const li = el("li", "pf-step");
  const order = step.order || index + 1;
  li.appendChild(el("h4", "pf-step-title", `Step ${order}: ${step.title || "Learning step"}`));
  if (step.tier) li.appendChild(el("p", "pf-tier", titleCase(step.tier)));
  if (step.why) li.appendChild(el("p", "pf-why", step.why));
  const areas = list(step.capability_areas).map(String).filter((a) => a.trim());
  if (areas.length) {
    const p = el("p", "pf-areas");
    p.appendChild(el("span", "pf-label", "Capability areas: "));
    p.appendChild(document.createTextNode(areas.join(", ")));
    li.appendChild(p);
  }
  const offerings = list(step.offerings).filter((o) => o && typeof o === "object");
  if (offerings.length) {
    const ul = el("ul", "pf-offerings");
    ul.setAttribute("aria-label", `Learning for step ${order}`);
    offerings.forEach((o) => ul.appendChild(offeringItem(o)));
    li.appendChild(ul);
  }
  return li;
}

export function planCard(payload, onDownload) {
  const article = card("pf-plan-card", "Your learning pathway");
  const intro = [
    list(payload.archetypes).map(titleCase).join(", "),
    LEVELS[payload.level] || payload.level,
    list(payload.filters).length ? `Only ${list(payload.filters).join(" and ")} options` : null,
  ].filter(Boolean);
  if (intro.length) article.appendChild(el("p", "pf-plan-intro", intro.join(" · ")));
  const steps = el("ol", "pf-steps");
  list(payload.steps)
    .filter((s) => s && typeof s === "object")
    .forEach((step, index) => steps.appendChild(stepItem(step, index)));
  article.appendChild(steps);
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
  const article = card("pf-summary-card", "Your plan as a file");
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
  return [article, links];
}

export function handoffCard(payload) {
  const article = card("pf-handoff-card", "Talk to a person");
  if (payload.team) article.appendChild(el("p", null, `Contact ${payload.team}.`));
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
