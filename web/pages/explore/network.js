// A network view drawn with cytoscape.js: nodes in the colours of the Browser style, an
// edge's quote on hover or click, a node expanded (its neighbours added) on click. A list
// of the same nodes and links under the drawing makes it usable from the keyboard.
import cytoscape from "/assets/vendor/cytoscape/dist/cytoscape.esm.min.mjs";
import { el, show, quoted } from "./dom.js";
import { nodeStyle, relColor, label } from "./style.js";

const STYLE = [
  {
    selector: "node",
    style: {
      "background-color": "data(color)", "border-color": "data(border)", "border-width": 2,
      label: "data(name)", "font-size": 12, "text-valign": "bottom", "text-margin-y": 3,
      "text-wrap": "wrap", "text-max-width": 110, width: 28, height: 28, color: "#1f2430",
      "text-background-color": "#ffffff", "text-background-opacity": 0.75, "text-background-padding": 1,
    },
  },
  { selector: "node.focus", style: { width: 40, height: 40, "border-width": 4, "font-weight": "bold" } },
  { selector: "node.expanded", style: { "border-style": "double", "border-width": 5 } },
  {
    selector: "edge",
    style: {
      width: 2, "line-color": "data(color)", "target-arrow-color": "data(color)", "target-arrow-shape": "triangle",
      "curve-style": "bezier", label: "data(type)", "font-size": 8, "text-rotation": "autorotate", color: "#444",
      "text-background-color": "#ffffff", "text-background-opacity": 0.8,
    },
  },
  { selector: "edge.hover, edge:selected", style: { width: 4, "z-index": 10 } },
  { selector: "node:selected", style: { "overlay-color": "#1f6feb", "overlay-opacity": 0.2 } },
];

// network draws into container; onNode(id) is called when a node is chosen (clicked or
// from the list), onEdge(edge) when an edge is hovered or clicked.
export function network(container, { onNode, onEdge, onExpand }) {
  const canvas = el("div", { class: "cy", role: "img", "aria-label": "Network of the entity's neighbourhood" });
  const info = el("div", { class: "edge-info", "aria-live": "polite" });
  const listing = el("div", { class: "net-list" });
  const keyboard = el("details", { class: "net-keyboard" }, el("summary", {}, "Nodes and links in this view"), listing);
  show(container, canvas, info, keyboard);
  const cy = cytoscape({ container: canvas, style: STYLE, minZoom: 0.2, maxZoom: 3, boxSelectionEnabled: false });
  const edges = new Map();
  const names = new Map();

  const describe = (e) => {
    edges.set(e.id, e);
    show(info,
      el("p", { class: "edge-title" }, el("strong", {}, e.type), ": ", names.get(e.source) || e.source, " → ", names.get(e.target) || e.target),
      (e.properties || []).length ? el("p", { class: "props" }, e.properties.map((p) => `${p.key}: ${p.value}`).join(", ")) : null,
      e.derivation && e.derivation.kind !== "STATED" ? el("p", { class: "derived" }, `${e.derivation.kind.toLowerCase()} by the rule ${e.derivation.rule}`) : null,
      (e.evidence || []).map((ev) => el("blockquote", { class: "quote" }, ev.quote,
        el("a", { class: "doc-link", href: "?" + new URLSearchParams({ doc: ev.document.id, quote: ev.quote }) }, ev.document.title))));
    if (onEdge) onEdge(e);
  };
  cy.on("mouseover", "edge", (ev) => { ev.target.addClass("hover"); describe(ev.target.data("edge")); });
  cy.on("mouseout", "edge", (ev) => ev.target.removeClass("hover"));
  cy.on("tap", "edge", (ev) => describe(ev.target.data("edge")));
  cy.on("tap", "node", (ev) => onNode(ev.target.id()));

  const relist = () => {
    const items = cy.nodes().sort((a, b) => a.data("name").localeCompare(b.data("name"))).map((n) =>
      // data-x and data-y: where the node is drawn on the canvas, in CSS pixels
      el("li", {}, el("button", { type: "button", class: "linklike", "data-node": n.id(), onclick: () => onNode(n.id()),
        "data-x": Math.round(n.renderedPosition("x")), "data-y": Math.round(n.renderedPosition("y")) },
        n.data("name")), " ", el("span", { class: "muted" }, label(n.data("type")), n.hasClass("expanded") ? ", expanded" : "")));
    const links = cy.edges().map((e) => {
      const d = e.data("edge");
      return el("li", {}, el("button", { type: "button", class: "linklike", onclick: () => describe(d) },
        `${names.get(d.source)} ${d.type} ${names.get(d.target)}`));
    });
    show(listing, el("p", {}, `${items.length} nodes; choose one to expand it.`), el("ul", {}, items),
      el("p", {}, `${links.length} links; choose one for its quote.`), el("ul", {}, links));
  };

  // The list tells where each node is drawn, whenever the view moves.
  const place = () => {
    for (const b of listing.querySelectorAll("button[data-node]")) {
      const n = cy.getElementById(b.dataset.node);
      if (n.empty()) continue;
      b.dataset.x = Math.round(n.renderedPosition("x"));
      b.dataset.y = Math.round(n.renderedPosition("y"));
    }
  };
  cy.on("viewport resize", place);
  // cytoscape.js keeps where its canvas is on the page, and learns of a move only from a
  // scroll or a resize; text above it that grows moves it too. Ask it again before a
  // pointer uses the canvas, so that a click lands on the node under it.
  for (const ev of ["pointerenter", "pointerdown"]) canvas.addEventListener(ev, () => cy.resize(), true);

  // add merges a subgraph (nodes {id type name}, edges {id type source target ...}) into the view.
  const add = (g) => {
    const fresh = [];
    for (const n of g.nodes) {
      names.set(n.id, n.name);
      if (cy.getElementById(n.id).nonempty()) continue;
      const s = nodeStyle(n.type);
      fresh.push({ group: "nodes", data: { id: n.id, name: n.name, type: n.type, color: s.color, border: s.border } });
    }
    for (const e of g.edges) {
      if (cy.getElementById("e:" + e.id).nonempty()) continue;
      fresh.push({ group: "edges", data: { id: "e:" + e.id, source: e.source, target: e.target, type: e.type, color: relColor(e.type), edge: e } });
    }
    cy.add(fresh);
    return fresh.length;
  };
  // fit shows everything, but no closer than life size.
  const fit = () => {
    cy.fit(undefined, 24);
    if (cy.zoom() > 1.4) {
      cy.zoom(1.4);
      cy.center();
    }
  };
  // layout draws rings around the root: its neighbours on the first, theirs on the next.
  let root = null;
  const layout = (focus) => {
    const depth = new Map();
    const start = cy.getElementById(root);
    if (start.nonempty()) {
      cy.elements().breadthFirstSearch({ roots: start, visit: (v, e, u, i, d) => { depth.set(v.id(), d); } });
    }
    const far = Math.max(1, ...depth.values()) + 1;
    cy.layout({
      name: "concentric", concentric: (n) => far - (depth.has(n.id()) ? depth.get(n.id()) : far), levelWidth: () => 1,
      minNodeSpacing: 70, spacingFactor: 1.3, padding: 20, animate: false,
    }).run();
    fit();
    if (focus) cy.nodes().removeClass("focus").filter((n) => n.id() === focus).addClass("focus");
    relist();
  };

  return {
    // reset shows g alone, centred on id.
    reset(g, id) {
      cy.elements().remove();
      show(info, el("p", { class: "muted" }, "Hover over or click a link for its quote; click a node to expand it."));
      add(g);
      cy.getElementById(id).addClass("expanded");
      root = id;
      layout(id);
    },
    // expand adds g, the neighbourhood of id, and says how many were new.
    expand(g, id) {
      const added = add(g);
      cy.getElementById(id).addClass("expanded");
      layout(id);
      if (onExpand) onExpand(id, added);
      return added;
    },
    // path shows a path: its nodes and one edge per step.
    path(nodes, steps) {
      cy.elements().remove();
      add({ nodes, edges: steps.map((s) => ({ ...s.relation, evidence: s.evidence })) });
      cy.layout({ name: "breadthfirst", directed: false, roots: [nodes[0].id], padding: 30, spacingFactor: 1.2 }).run();
      fit();
      relist();
    },
    has: (id) => cy.getElementById(id).nonempty(),
    expanded: (id) => cy.getElementById(id).hasClass("expanded"),
    count: () => ({ nodes: cy.nodes().length, edges: cy.edges().length }),
    resize: () => { cy.resize(); fit(); },
    describeEdge: (id) => { const e = edges.get(id); if (e) describe(e); },
    names,
    quoted,
  };
}
