// DOM helpers. Everything from a user, the URL or the graph enters the page as text
// (text nodes and attribute values), never as markup; links point only to this server.

// el creates an element with attributes and children; strings become text nodes.
// Attributes named on* add listeners; href must be a path or query on this server.
export function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v == null || v === false) continue;
    if (k === "class") e.className = v;
    else if (k.startsWith("on") && typeof v === "function") e.addEventListener(k.slice(2), v);
    else if (k === "href" && !/^[/?#]/.test(String(v))) continue;
    else e.setAttribute(k, v === true ? "" : String(v));
  }
  add(e, children);
  return e;
}

function add(e, children) {
  for (const c of children.flat(Infinity)) {
    if (c == null || c === false) continue;
    e.append(c instanceof Node ? c : String(c));
  }
}

// show replaces the children of e.
export function show(e, ...children) {
  e.replaceChildren();
  add(e, children);
  return e;
}

// message is a plain sentence in a box; kind is "info" or "error".
export function message(text, kind = "info") {
  return el("p", { class: "message " + kind, role: kind === "error" ? "alert" : "status" }, text);
}

// quoted puts typographic quotes around a user's or the graph's text.
export const quoted = (s) => "“" + s + "”";
