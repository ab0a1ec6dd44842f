// The explorer page: search, an entity with its network, a path between two entities, a
// document reader and a dashboard, each reachable by a link that can be shared:
//   ?id=ENTITY   ?from=ENTITY&to=ENTITY   ?doc=DOCUMENT&quote=TEXT   ?tab=dashboard|connect
// It uses the public /graphql API only.
import { el, show } from "./dom.js";
import { searchBox } from "./search.js";
import { entityView } from "./entity.js";
import { pathView } from "./path.js";
import { readerView } from "./reader.js";
import { dashboardView } from "./dashboard.js";
import { entityHref } from "./views.js";

const $ = (id) => document.getElementById(id);
const panes = { explore: $("pane-explore"), connect: $("pane-connect"), document: $("pane-document"), dashboard: $("pane-dashboard") };

// navigate shows the state of params and records it in the address bar.
function navigate(params, { replace = false } = {}) {
  const url = "?" + new URLSearchParams(params).toString();
  if (replace) history.replaceState(null, "", url);
  else history.pushState(null, "", url);
  route();
}

const search = searchBox({ label: "Search the graph", placeholder: "Search: a park, zone, industry, company…", onPick: (e) => navigate({ id: e.id }) });
show($("search"), search.root);
const intro = el("div", { class: "intro" },
  el("p", {}, "Search above for a zone, park, district, industry, company, event or policy, or start from:"),
  el("ul", {}, [["fuling-district-industrial-park", "Fuling District Industrial Park"],
    ["cross-straits-industrial-cooperation-zone-chongqing", "Cross-Straits Industrial Cooperation Zone (Chongqing)"],
    ["taiwan", "Taiwan"]].map(([id, name]) => el("li", {}, el("a", { href: entityHref(id), "data-nav": "" }, name)))),
  el("p", {}, "Every link and fact comes with the sentence of the document that states it."));
const entityRoot = el("div", { class: "entity-root" });
show(panes.explore.querySelector(".pane-body"), intro, entityRoot);
const entity = entityView(entityRoot, { navigate });
const path = pathView(panes.connect.querySelector(".pane-body"), { navigate });
const reader = readerView(panes.document.querySelector(".pane-body"));
const dashboard = dashboardView(panes.dashboard.querySelector(".pane-body"));

function activate(tab) {
  for (const [name, pane] of Object.entries(panes)) pane.hidden = name !== tab;
  for (const a of document.querySelectorAll("nav.tabs a")) {
    if (a.dataset.tab === tab) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
}

function route() {
  const p = new URLSearchParams(location.search);
  const tab = p.get("tab");
  if (p.has("doc")) {
    activate("document");
    reader.show(p.get("doc"), p.get("quote"));
  } else if (p.has("from") || p.has("to") || tab === "connect") {
    activate("connect");
    document.title = "How are these connected? · parkgraph explorer";
    if (p.get("from") && p.get("to")) path.show(p.get("from"), p.get("to"));
    requestAnimationFrame(path.resize);
  } else if (tab === "dashboard") {
    activate("dashboard");
    document.title = "Dashboard · parkgraph explorer";
    dashboard.show();
  } else {
    activate("explore");
    const id = p.get("id");
    intro.hidden = !!id;
    entityRoot.hidden = !id;
    if (id) {
      entity.show(id);
      requestAnimationFrame(entity.resize);
    } else {
      document.title = "parkgraph explorer";
    }
  }
}

// Links inside the page change the view without reloading it.
document.addEventListener("click", (ev) => {
  const a = ev.target.closest("a[data-nav], nav.tabs a[data-tab]");
  if (!a || ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
  ev.preventDefault();
  navigate(Object.fromEntries(new URLSearchParams(a.getAttribute("href").replace(/^[^?]*/, ""))));
  window.scrollTo(0, 0);
});
window.addEventListener("popstate", route);
route();
