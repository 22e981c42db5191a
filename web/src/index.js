// Entry point: <script src="https://SERVER/webhooks/widget/static/pathfinder-widget.js"
// data-server="https://SERVER"></script> plus <div id="pathfinder-chat"></div> on the page.
// data-server defaults to the server the script came from.

import { createWidget } from "./widget.js";

const SCRIPT_PATH = "/webhooks/widget/static/pathfinder-widget.js";
const ROOT_ID = "pathfinder-chat";

function serverFor(script) {
  const configured = script && script.dataset.server;
  if (configured) return new URL(configured, document.baseURI).href.replace(/\/$/, "");
  const src = new URL(script.src, document.baseURI);
  const path = src.pathname.endsWith(SCRIPT_PATH)
    ? src.pathname.slice(0, -SCRIPT_PATH.length)
    : "";
  return src.origin + path;
}

function addStyles(server) {
  const href = `${server}/webhooks/widget/static/pathfinder-widget.css`;
  if (document.querySelector(`link[data-pathfinder-styles]`)) return;
  const sheet = document.createElement("link");
  sheet.rel = "stylesheet";
  sheet.href = href;
  sheet.dataset.pathfinderStyles = "";
  document.head.appendChild(sheet);
}

function start(script) {
  const root = document.getElementById(ROOT_ID);
  if (!root) {
    console.error(`Pathfinder widget: no element with id "${ROOT_ID}" on this page.`);
    return;
  }
  const server = serverFor(script);
  addStyles(server);
  createWidget(root, server);
}

const script = document.currentScript;
if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", () => start(script));
} else {
  start(script);
}
