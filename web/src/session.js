// The conversation's server-issued token, kept in sessionStorage so it survives a page reload
// in this tab (and ends with the tab), plus the socket connection that presents it.

import { io } from "socket.io-client";

const STORAGE_KEY = "pathfinder.widget.session";

function storage() {
  try {
    return window.sessionStorage;
  } catch (error) {
    return null; // storage disabled: the conversation lasts as long as the page
  }
}

export function loadSession() {
  const raw = storage() && storage().getItem(STORAGE_KEY);
  if (!raw) return null;
  try {
    const session = JSON.parse(raw);
    return session && typeof session.token === "string" && session.socket ? session : null;
  } catch (error) {
    return null;
  }
}

export function forgetSession() {
  if (storage()) storage().removeItem(STORAGE_KEY);
}

export function markGreeted(session) {
  session.greeted = true;
  if (storage()) storage().setItem(STORAGE_KEY, JSON.stringify(session));
}

/**
 * Ask the server for a new conversation token. Where the server requires Entra ID sign-in,
 * the intranet page provides `window.pathfinderIdToken()`, resolving to the signed-in
 * person's ID token from its own sign-in library.
 */
export async function requestSession(server) {
  const idToken =
    typeof window.pathfinderIdToken === "function" ? await window.pathfinderIdToken() : null;
  const reply = await fetch(`${server}/webhooks/widget/session`, {
    method: "POST",
    headers: { Accept: "application/json", "Content-Type": "application/json" },
    body: JSON.stringify(idToken ? { id_token: idToken } : {}),
    credentials: "omit",
  });
  if (!reply.ok) throw new Error(`session request failed with status ${reply.status}`);
  const session = await reply.json();
  session.greeted = false;
  if (storage()) storage().setItem(STORAGE_KEY, JSON.stringify(session));
  return session;
}

/** A socket.io connection that (re)joins the conversation every time it connects. */
export function connect(server, session) {
  const base = new URL(server);
  const prefix = base.pathname.replace(/\/$/, "");
  const namespace = session.socket.namespace === "/" ? "" : session.socket.namespace;
  const socket = io(base.origin + namespace, {
    path: prefix + session.socket.path,
    transports: ["websocket", "polling"],
    tryAllTransports: true,
  });
  socket.on("connect", () => socket.emit("session_request", { token: session.token }));
  return socket;
}
