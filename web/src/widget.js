// The chat panel: a labelled log (aria-live), an input form, quick replies, cards, a typing
// indicator, "Start again" and "Download my plan". Talks to the widget channel via session.js.
// Accessibility (WCAG 2.2 AA): only new messages are announced, new suggested replies take the
// focus, and the privacy notice and accessibility statement are linked from the toolbar.

import { archetypeCard, handoffCard, planCard, summaryCard } from "./cards.js";
import { renderMarkdown } from "./markdown.js";
import { connect, forgetSession, loadSession, markGreeted, requestSession } from "./session.js";

const OPEN_KEY = "pathfinder.widget.open";
const LIVE = "polite";
const TYPING_TIMEOUT_MS = 30000;
const REFUSALS = {
  expired: "Your earlier conversation has expired, so I've started a new one.",
  invalid: "I couldn't continue that conversation, so I've started a new one.",
};

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function button(className, text) {
  const b = el("button", className, text);
  b.type = "button";
  return b;
}

function rememberOpen(open) {
  try {
    if (open) window.sessionStorage.setItem(OPEN_KEY, "1");
    else window.sessionStorage.removeItem(OPEN_KEY);
  } catch (error) {
    // storage disabled: the panel simply starts closed after a reload
  }
}

function wasOpen() {
  try {
    return window.sessionStorage.getItem(OPEN_KEY) === "1";
  } catch (error) {
    return false;
  }
}

function buildUi(root, server) {
  const section = el("section", "pf-widget");
  section.setAttribute("aria-labelledby", "pf-title");
  const header = el("div", "pf-header");
  const titles = el("div", "pf-titles");
  const title = el("h2", "pf-title", "Pathfinder");
  title.id = "pf-title";
  titles.append(title, el("p", "pf-subtitle", "Find your AI learning pathway"));
  const toggle = button("pf-button pf-toggle", "Open chat");
  toggle.setAttribute("aria-expanded", "false");
  toggle.setAttribute("aria-controls", "pf-panel");
  header.append(titles, toggle);

  const panel = el("div", "pf-panel");
  panel.id = "pf-panel";
  panel.hidden = true;
  const toolbar = el("div", "pf-toolbar");
  const restart = button("pf-button pf-secondary pf-restart", "Start again");
  const privacy = el("a", "pf-privacy", "Privacy notice");
  privacy.href = `${server}/pathfinder/privacy`;
  const statement = el("a", "pf-accessibility", "Accessibility statement");
  statement.href = `${server}/pathfinder/accessibility`;
  const documents = el("div", "pf-documents");
  documents.append(privacy, statement);
  toolbar.append(restart, documents);

  const log = el("div", "pf-log");
  log.setAttribute("role", "log");
  log.setAttribute("aria-live", LIVE);
  log.setAttribute("aria-label", "Conversation with Pathfinder");
  log.tabIndex = 0;

  const typing = el("div", "pf-typing");
  typing.setAttribute("role", "status");
  const dots = el("span", "pf-dots");
  dots.setAttribute("aria-hidden", "true");
  dots.append(el("span"), el("span"), el("span"));
  const typingText = el("span", "pf-typing-text", "");
  typing.append(dots, typingText);

  const form = el("form", "pf-form");
  const label = el("label", "pf-label", "Your message");
  label.htmlFor = "pf-input";
  const input = el("input", "pf-input");
  input.id = "pf-input";
  input.type = "text";
  input.autocomplete = "off";
  const send = el("button", "pf-button pf-send", "Send");
  send.type = "submit";
  const row = el("div", "pf-input-row");
  row.append(input, send);
  form.append(label, row);

  panel.append(toolbar, log, typing, form);
  section.append(header, panel);
  root.replaceChildren(section);
  return { root, section, toggle, panel, restart, log, typing, typingText, form, input };
}

/** Render the widget into `root`; `server` is the Rasa server's base URL. */
export function createWidget(root, server) {
  const ui = buildUi(root, server);
  let session = null;
  let socket = null;
  let renewals = 0; // new conversations started because one was refused, since the last success
  let carriedNotice = null; // said again after the new conversation's history is drawn
  const queued = [];
  let downloadRequested = false;
  let typingTimer = null;
  const blobUrls = [];

  function setState(state) {
    ui.root.dataset.state = state;
  }

  function scrollToEnd() {
    ui.log.scrollTop = ui.log.scrollHeight;
  }

  function setTyping(on) {
    ui.typing.classList.toggle("pf-typing-on", on);
    ui.typingText.textContent = on ? "Pathfinder is typing…" : "";
    clearTimeout(typingTimer);
    if (on) typingTimer = setTimeout(() => setTyping(false), TYPING_TIMEOUT_MS);
  }

  function entry(kind, who) {
    const item = el("div", `pf-msg pf-msg-${kind}`);
    item.appendChild(el("span", "pf-visually-hidden", `${who}: `));
    ui.log.appendChild(item);
    scrollToEnd();
    return item;
  }

  function notice(text) {
    const item = el("p", "pf-notice", text);
    ui.log.appendChild(item);
    scrollToEnd();
  }

  function clearQuickReplies() {
    ui.log.querySelectorAll(".pf-quick-replies").forEach((group) => group.remove());
  }

  function clearLog() {
    blobUrls.splice(0).forEach((url) => URL.revokeObjectURL(url));
    ui.log.replaceChildren();
  }

  // Until the server has confirmed the conversation (history received), messages wait here:
  // socket.io would otherwise send them before the session request after a reconnect.
  function sendText(text, shown) {
    if (!socket) {
      notice("Pathfinder isn't connected, so that wasn't sent. Please try again later.");
      return;
    }
    clearQuickReplies();
    if (shown) entry("user", "You").appendChild(el("p", null, shown));
    setTyping(true);
    if (ui.root.dataset.state === "ready") socket.emit(session.socket.user_event, { message: text });
    else queued.push({ text, shown });
  }

  // Moves the focus to new replies only when the person is in the panel and has not started
  // typing, so a keyboard user lands on them and nobody loses what they were writing.
  function offerFocus(target) {
    if (ui.panel.contains(document.activeElement) && !ui.input.value) target.focus();
  }

  function quickReplies(replies, live) {
    const group = el("div", "pf-quick-replies");
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", "Suggested replies");
    replies.forEach((reply) => {
      if (!reply || typeof reply.payload !== "string") return;
      const b = button("pf-button pf-quick-reply", String(reply.title || reply.payload));
      b.dataset.payload = reply.payload;
      b.addEventListener("click", () => {
        sendText(reply.payload, String(reply.title || reply.payload));
        ui.input.focus();
      });
      group.appendChild(b);
    });
    ui.log.appendChild(group);
    scrollToEnd();
    if (live && group.firstChild) offerFocus(group.firstChild);
  }

  // Shown as the matching suggested reply's title if one is on screen, as a replay shows it.
  function sendCommand(payload) {
    const offered = [...ui.log.querySelectorAll(".pf-quick-reply")].find(
      (b) => b.dataset.payload === payload,
    );
    sendText(payload, offered ? offered.textContent : null);
  }

  function requestDownload() {
    downloadRequested = true;
    sendCommand("/request_summary");
  }

  function custom(payload, live) {
    if (!payload || typeof payload !== "object") return;
    let node = null;
    if (payload.type === "archetype_result") node = archetypeCard(payload);
    else if (payload.type === "pathway_plan") node = planCard(payload, requestDownload);
    else if (payload.type === "handoff") node = handoffCard(payload);
    else if (payload.type === "plan_summary") {
      const [card, links] = summaryCard(payload);
      links.forEach((link) => blobUrls.push(link.href));
      node = card;
      if (live && downloadRequested) {
        downloadRequested = false;
        setTimeout(() => links[0].click(), 0);
      }
    }
    if (!node) return;
    const item = entry("bot", "Pathfinder");
    item.classList.add("pf-msg-card");
    item.appendChild(node);
  }

  function botMessage(message, { live, withReplies }) {
    if (!message || typeof message !== "object") return;
    if (message.custom) custom(message.custom, live);
    if (typeof message.text === "string" && message.text.trim()) {
      entry("bot", "Pathfinder").appendChild(renderMarkdown(message.text));
    }
    const replies = Array.isArray(message.quick_replies) ? message.quick_replies : [];
    if (withReplies && replies.length) quickReplies(replies, live);
  }

  // The replayed history is drawn with the live region switched off: a screen reader announces
  // only what is new, not the whole conversation again after a reload.
  function showHistory(messages) {
    clearLog();
    ui.log.setAttribute("aria-live", "off");
    messages.forEach((item, index) => {
      if (item.from === "user" && typeof item.text === "string") {
        entry("user", "You").appendChild(el("p", null, item.text));
      } else if (item.from === "bot") {
        botMessage(item.message, { live: false, withReplies: index === messages.length - 1 });
      }
    });
    ui.log.setAttribute("aria-live", LIVE);
  }

  function stop() {
    if (socket) {
      socket.removeAllListeners();
      socket.disconnect();
      socket = null;
    }
  }

  async function start() {
    setState("connecting");
    session = loadSession();
    if (!session) {
      try {
        session = await requestSession(server);
      } catch (error) {
        setState("offline");
        notice("Pathfinder isn't available right now. Please try again later.");
        return;
      }
    }
    const limit = Number(session.socket.max_message_length); // the server's cap on a message
    if (Number.isInteger(limit) && limit > 0) ui.input.maxLength = limit;
    socket = connect(server, session);
    socket.on("history", (data) => {
      const messages = data && Array.isArray(data.messages) ? data.messages : [];
      showHistory(messages);
      if (carriedNotice) notice(carriedNotice);
      carriedNotice = null;
      renewals = 0;
      setState("ready");
      if (!messages.length && !session.greeted) {
        markGreeted(session);
        sendText("/greet", null);
      }
      queued.splice(0).forEach(({ text, shown }) => sendText(text, shown));
    });
    socket.on(session.socket.bot_event, (message) => {
      setTyping(false);
      botMessage(message, { live: true, withReplies: true });
    });
    socket.on("pathfinder_error", (error) => {
      const code = error && error.code;
      setTyping(false);
      if (REFUSALS[code] && renewals < 1) {
        renewals += 1;
        stop();
        forgetSession();
        clearLog();
        carriedNotice = REFUSALS[code];
        notice(carriedNotice);
        start();
      } else if (REFUSALS[code]) {
        setState("refused");
        notice("Sorry, I can't start a conversation right now. Please try again later.");
      } else {
        notice(error && error.message ? String(error.message) : "Something went wrong.");
      }
    });
    socket.on("connect_error", () => setState("reconnecting"));
    socket.on("disconnect", () => setState("reconnecting"));
  }

  function open() {
    ui.panel.hidden = false;
    ui.toggle.setAttribute("aria-expanded", "true");
    ui.toggle.textContent = "Close chat";
    rememberOpen(true);
    if (!socket && ui.root.dataset.state !== "connecting") start();
  }

  function close() {
    ui.panel.hidden = true;
    ui.toggle.setAttribute("aria-expanded", "false");
    ui.toggle.textContent = "Open chat";
    rememberOpen(false);
  }

  ui.toggle.addEventListener("click", () => {
    if (ui.panel.hidden) {
      open();
      ui.input.focus();
    } else {
      close();
    }
  });
  ui.panel.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      close();
      ui.toggle.focus();
    }
  });
  ui.restart.addEventListener("click", () => {
    downloadRequested = false;
    clearLog();
    sendText("/restart", null);
    ui.input.focus();
  });
  ui.form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = ui.input.value.trim();
    if (!text) return;
    ui.input.value = "";
    sendText(text, text);
  });

  setState("idle");
  if (wasOpen()) open();
}
