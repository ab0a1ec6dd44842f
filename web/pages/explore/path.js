// "How are these connected": two entities, the shortest path between them drawn, and the
// sentence behind each hop.
import { gql, PATH } from "./api.js";
import { el, show, message, quoted } from "./dom.js";
import { badge } from "./style.js";
import { quotes, queryBox, entityHref, derivedNote } from "./views.js";
import { searchBox } from "./search.js";
import { network } from "./network.js";

export function pathView(root, { navigate }) {
  const chosen = { from: null, to: null };
  const from = searchBox({ label: "From", placeholder: "e.g. Taiwan", onPick: (e) => { chosen.from = e.id; } });
  const to = searchBox({ label: "To", placeholder: "e.g. Fuling District Industrial Park", onPick: (e) => { chosen.to = e.id; } });
  const go = el("button", { type: "submit", class: "primary", id: "find-path" }, "Find the path");
  const form = el("form", { class: "path-form", onsubmit: (ev) => {
    ev.preventDefault();
    if (!chosen.from || !chosen.to) {
      show(result, message("Choose both entities from the search results first.", "error"));
      return;
    }
    navigate({ from: chosen.from, to: chosen.to });
  } }, from.root, to.root, go);
  const result = el("div", { class: "path-result", "aria-live": "polite" });
  const drawing = el("section", { class: "network path-network", "aria-label": "The path" });
  show(root, el("h2", {}, "How are these connected?"), form, el("div", { class: "path-grid" }, result, drawing));
  const graph = network(drawing, { onNode: (id) => navigate({ id }) });

  async function find(a, b) {
    chosen.from = a;
    chosen.to = b;
    show(result, message("Looking for a path…"));
    let data;
    try {
      data = await gql(PATH, { from: a, to: b });
    } catch (err) {
      show(result, message(err.message, "error"));
      return;
    }
    if (data.from && data.from.name) from.set(data.from.name);
    if (data.to && data.to.name) to.set(data.to.name);
    const unknown = [[a, data.from], [b, data.to]].filter(([, n]) => !n || !n.name).map(([id]) => quoted(id));
    if (unknown.length) {
      show(result, message("No entity with the id " + unknown.join(" or ") + " is in the graph.", "error"));
      return;
    }
    const p = data.shortestPath;
    if (!p) {
      show(result, message(`No path of at most 6 hops joins ${data.from.name} and ${data.to.name}.`), queryBox(PATH, { from: a, to: b }));
      return;
    }
    document.title = `${data.from.name} to ${data.to.name} · parkgraph explorer`;
    const byId = new Map(p.nodes.map((n) => [n.id, n]));
    const hop = (n) => el("a", { href: entityHref(n.id), "data-nav": "" }, n.name);
    show(result,
      el("p", { class: "path-summary" }, `${p.length} ${p.length === 1 ? "hop" : "hops"} from ${data.from.name} to ${data.to.name}:`),
      el("ol", { class: "hops" }, p.steps.map((s, i) => {
        const here = p.nodes[i], next = p.nodes[i + 1];
        const forward = s.relation.source === here.id;
        return el("li", { class: "hop" },
          el("p", { class: "hop-line" }, hop(here), " ", badge(here.type, el), " ",
            el("span", { class: "rel-type" }, forward ? `— ${s.relation.type} →` : `← ${s.relation.type} —`), " ",
            hop(byId.get(next.id)), " ", badge(next.type, el), derivedNote(s.relation.derivation)),
          quotes(s.evidence) || el("p", { class: "muted" }, "No quote."));
      })),
      queryBox(PATH, { from: a, to: b }));
    graph.path(p.nodes, p.steps);
  }
  return { show: find, resize: () => graph.resize() };
}
