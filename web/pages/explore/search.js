// A search box that searches as you type: exact id, name or alias matches first, each
// hit with its type badge; arrow keys, Enter and Escape work as in any combobox.
import { gql, SEARCH } from "./api.js";
import { el, show, message, quoted } from "./dom.js";
import { badge } from "./style.js";

let boxes = 0;

// searchBox returns {root, input, set}; onPick(entity) is called with the chosen hit.
export function searchBox({ label, placeholder, onPick, autofocus }) {
  const n = ++boxes;
  const input = el("input", {
    type: "search", id: `search-${n}`, class: "search-input", placeholder, autocomplete: "off",
    role: "combobox", "aria-expanded": "false", "aria-controls": `search-${n}-list`, "aria-autocomplete": "list",
    spellcheck: "false", autofocus,
  });
  const list = el("ul", { id: `search-${n}-list`, class: "search-list", role: "listbox", "aria-label": label });
  const status = el("div", { class: "search-status", "aria-live": "polite" });
  const root = el("div", { class: "search" }, el("label", { for: input.id, class: "search-label" }, label), input, status, list);
  let hits = [], active = -1, seq = 0, timer = 0;

  const close = () => {
    list.replaceChildren();
    hits = [];
    active = -1;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  };
  const pick = (i) => {
    const hit = hits[i];
    if (!hit) return;
    input.value = hit.entity.name;
    close();
    show(status);
    onPick(hit.entity);
  };
  const highlight = (i) => {
    active = i;
    [...list.children].forEach((li, j) => li.setAttribute("aria-selected", String(j === i)));
    if (i >= 0) {
      input.setAttribute("aria-activedescendant", list.children[i].id);
      list.children[i].scrollIntoView({ block: "nearest" });
    }
  };
  async function run() {
    const q = input.value.trim();
    const mine = ++seq;
    if (!q) {
      close();
      show(status, message("Type a name, an alias or a word to search the graph."));
      return;
    }
    let data;
    try {
      data = await gql(SEARCH, { query: q });
    } catch (err) {
      if (mine !== seq) return;
      close();
      show(status, message(err.message, "error"));
      return;
    }
    if (mine !== seq) return; // a newer search is on its way
    // Exact matches first; the API ranks them first already, and a stable sort keeps its order.
    hits = [...data.search].sort((a, b) => Number(b.exact) - Number(a.exact));
    list.replaceChildren();
    if (!hits.length) {
      close();
      show(status, message("Nothing in the graph matches " + quoted(q) + "."));
      return;
    }
    show(status);
    hits.forEach((h, i) => {
      const e = h.entity;
      list.append(el("li", {
        id: `search-${n}-hit-${i}`, role: "option", "aria-selected": "false", class: "search-hit",
        "data-id": e.id, onmousedown: (ev) => { ev.preventDefault(); pick(i); },
      }, badge(e.type, el), el("span", { class: "hit-name" }, e.name),
        h.exact ? el("span", { class: "exact", title: "the query is its id, name or an alias" }, "exact") : null,
        e.aliases && e.aliases.length ? el("span", { class: "hit-aliases" }, e.aliases.slice(0, 3).join(", ")) : null));
    });
    input.setAttribute("aria-expanded", "true");
    highlight(0);
  }
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(run, 150);
  });
  input.addEventListener("keydown", (ev) => {
    if (ev.key === "ArrowDown" && hits.length) { ev.preventDefault(); highlight((active + 1) % hits.length); }
    else if (ev.key === "ArrowUp" && hits.length) { ev.preventDefault(); highlight((active - 1 + hits.length) % hits.length); }
    else if (ev.key === "Enter") {
      ev.preventDefault();
      if (hits.length) pick(active < 0 ? 0 : active);
      else { clearTimeout(timer); run(); }
    } else if (ev.key === "Escape") close();
  });
  input.addEventListener("blur", () => setTimeout(close, 150));
  return { root, input, set: (name) => { input.value = name; close(); } };
}
