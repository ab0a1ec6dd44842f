// The entity view: name, type, aliases, description, facts with their evidence (values
// that sources disagree on side by side), relations grouped by type, documents that
// mention it; and the network of its neighbourhood.
import { gql, ENTITY, NEIGHBORHOOD } from "./api.js";
import { el, show, message, quoted } from "./dom.js";
import { badge } from "./style.js";
import { quotes, queryBox, entityHref, docHref, derivedNote } from "./views.js";
import { network } from "./network.js";

export function entityView(root, { navigate }) {
  const details = el("section", { class: "entity", "aria-label": "Entity" });
  const net = el("section", { class: "network", "aria-label": "Network" });
  const netStatus = el("p", { class: "net-status", "aria-live": "polite" });
  // The network shows derived links too, each saying so when chosen (as the relations do).
  show(root, el("div", { class: "explore-grid" }, details, el("div", { class: "network-col" }, el("h3", {}, "Neighbourhood"), netStatus, net)));
  let current = null;
  let seq = 0;
  const graph = network(net, {
    onNode: (id) => expand(id),
    onExpand: (id, added) => show(netStatus, `Expanded ${graph.names.get(id) || id}: ${added ? added + " new nodes and links" : "nothing new"}.`),
  });

  async function expand(id) {
    try {
      const data = await gql(NEIGHBORHOOD, { id });
      graph.expand(data.neighborhood, id);
      if (id !== current) renderEntity(id, { keepNetwork: true });
    } catch (err) {
      show(netStatus, message(err.message, "error"));
    }
  }

  async function renderEntity(id, { keepNetwork = false } = {}) {
    const mine = ++seq;
    current = id;
    show(details, message("Loading…"));
    let data;
    try {
      data = await gql(ENTITY, { id });
    } catch (err) {
      if (mine === seq) show(details, message(err.message, "error"));
      return;
    }
    if (mine !== seq) return;
    const e = data.node;
    if (!e) {
      show(details, message("No entity with the id " + quoted(id) + " is in the graph.", "error"));
      show(net);
      document.title = "Not found · parkgraph explorer";
      return;
    }
    if (!e.type) { // a document
      navigate({ doc: e.id }, { replace: true });
      return;
    }
    document.title = e.name + " · parkgraph explorer";
    show(details, entityBody(e), queryBox(ENTITY, { id }));
    if (!keepNetwork) await drawNetwork(id, mine);
  }

  // drawNetwork draws the neighbourhood of id afresh, unless another view (seq) took over.
  async function drawNetwork(id, mine) {
    try {
      const n = await gql(NEIGHBORHOOD, { id });
      if (mine !== seq) return;
      graph.reset(n.neighborhood, id);
      show(netStatus, `${n.neighborhood.nodes.length} entities within one hop. Click a node to expand it.`);
    } catch (err) {
      show(netStatus, message(err.message, "error"));
    }
  }
  return { show: (id) => renderEntity(id), resize: () => graph.resize() };
}

function entityBody(e) {
  const facts = new Map();
  for (const f of e.facts) {
    if (!facts.has(f.property)) facts.set(f.property, []);
    facts.get(f.property).push(f);
  }
  const groups = new Map();
  for (const r of e.relations) {
    const key = r.type + (r.direction === "IN" ? " (in)" : "");
    if (!groups.has(key)) groups.set(key, { type: r.type, direction: r.direction, items: [] });
    groups.get(key).items.push(r);
  }
  return [
    el("header", { class: "entity-head" },
      el("h2", { id: "entity-name" }, e.name), badge(e.type, el), el("code", { class: "entity-id" }, e.id)),
    e.aliases.length ? el("p", { class: "aliases" }, el("span", { class: "muted" }, "Also: "), e.aliases.join(" · ")) : null,
    e.description ? el("p", { class: "description" }, e.description) : null,
    e.evidence.length ? el("details", { class: "entity-evidence" }, el("summary", {}, e.evidence.length === 1 ? "Named in 1 quote" : `Named in ${e.evidence.length} quotes`), quotes(e.evidence)) : null,
    el("h3", {}, "Facts"),
    facts.size ? el("dl", { class: "facts" }, [...facts].map(([prop, values]) => {
      // A conflict is what the API calls one (Fact.conflictsWith: another value for the same
      // period); several values that do not conflict (a list, or values of other periods)
      // are shown as a list.
      const conflict = values.some((f) => f.conflictsWith.length > 0);
      return [
        el("dt", {}, prop),
        el("dd", { class: conflict ? "conflict" : values.length > 1 ? "several" : "" },
          conflict ? el("p", { class: "conflict-note" }, `The sources disagree: ${values.length} values.`) : null,
          el("div", { class: "values" }, values.map((f) => el("div", { class: "value" }, el("strong", {}, f.value),
            period(f), quotes(f.evidence))))),
      ];
    })) : el("p", { class: "muted" }, "No facts recorded."),
    el("h3", {}, "Relations"),
    groups.size ? el("div", { class: "relations" }, [...groups.values()].map((g) =>
      el("section", { class: "rel-group", "data-type": g.type },
        el("h4", {}, g.type, " ", el("span", { class: "muted" }, g.direction === "IN" ? "from" : "to", ` (${g.items.length})`)),
        el("ul", {}, g.items.map((r) => el("li", { class: "relation" },
          el("a", { href: entityHref(r.node.id), "data-nav": "", class: "rel-node" }, r.node.name), " ", badge(r.node.type, el),
          r.properties.length ? el("span", { class: "props" }, " ", r.properties.map((p) => `${p.key}: ${p.value}`).join(", ")) : null,
          derivedNote(r.derivation),
          quotes(r.evidence))))))) : el("p", { class: "muted" }, "No relations."),
    el("h3", {}, "Documents that mention it"),
    e.mentionedIn.length ? el("ul", { class: "mentions" }, e.mentionedIn.map((d) =>
      el("li", {}, el("a", { href: docHref(d.id), "data-nav": "" }, d.title)))) : el("p", { class: "muted" }, "No document mentions it."),
  ];
}

// period says when a fact holds, where a document gives dates; null otherwise.
function period(f) {
  if (!f.validFrom && !f.validTo) return null;
  return el("span", { class: "period muted" }, " ", f.validFrom && f.validTo ? `${f.validFrom} to ${f.validTo}` : f.validFrom ? `from ${f.validFrom}` : `until ${f.validTo}`);
}
