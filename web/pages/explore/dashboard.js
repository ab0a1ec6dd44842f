// The dashboard: parks per industry and per investor origin, zones per district and the
// matchmaking event's projects per sector, as charts (Chart.js), each with its numbers in
// a table and the GraphQL query beside it.
import { gql } from "./api.js";
import { el, show, message } from "./dom.js";
import { queryBox } from "./views.js";

const CHARTS = [
  {
    id: "parks-per-industry", title: "Parks per industry", unit: "parks",
    query: `query ParksPerIndustry {
  breakdown(of: PARK, by: INDUSTRY, first: 12) { entity { id name } count }
}`,
    rows: (d) => d.breakdown.map((b) => [b.entity.name, b.count]),
  },
  {
    id: "parks-per-origin", title: "Parks per investor origin", unit: "parks",
    query: `query ParksPerInvestorOrigin {
  breakdown(of: PARK, by: INVESTOR_ORIGIN) { entity { id name } count }
}`,
    rows: (d) => d.breakdown.map((b) => [b.entity.name, b.count]),
  },
  {
    id: "zones-per-district", title: "Zones per district", unit: "zones",
    query: `query ZonesPerDistrict {
  breakdown(of: ZONE, by: DISTRICT, first: 12) { entity { id name } count }
}`,
    rows: (d) => d.breakdown.map((b) => [b.entity.name, b.count]),
  },
  {
    id: "projects-per-sector", title: "Projects signed per sector at the matchmaking event", unit: "projects",
    query: `query ProjectsPerSector {
  node(id: "china-industrial-transfer-matchmaking-chongqing") {
    ... on Event { name signedProjects { target { id name } count } }
  }
}`,
    rows: (d) => (d.node ? d.node.signedProjects.filter((s) => s.count != null).map((s) => [s.target.name, s.count]) : []),
  },
];

export function dashboardView(root) {
  const charts = [];
  let drawn = false;
  async function draw() {
    if (drawn) return;
    drawn = true;
    const cards = CHARTS.map((c) => {
      const body = el("div", { class: "chart-body" }, message("Loading…"));
      root.append(el("section", { class: "card", id: c.id, "aria-labelledby": c.id + "-title" },
        el("h3", { id: c.id + "-title" }, c.title), body, queryBox(c.query, null, { open: true, title: "GraphQL" })));
      return { c, body };
    });
    await Promise.all(cards.map(async ({ c, body }) => {
      let rows;
      try {
        rows = c.rows(await gql(c.query));
      } catch (err) {
        show(body, message(err.message, "error"));
        return;
      }
      if (!rows.length) {
        show(body, message("Nothing to count."));
        return;
      }
      const canvas = el("canvas", { role: "img", "aria-label": c.title });
      const table = el("table", { class: "chart-data", "data-chart": c.id },
        el("caption", { class: "sr-only" }, c.title),
        el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "name"), el("th", { scope: "col" }, c.unit))),
        el("tbody", {}, rows.map(([name, n]) => el("tr", {}, el("th", { scope: "row" }, name), el("td", {}, String(n))))));
      const box = el("div", { class: "chart-canvas" }, canvas);
      box.style.height = Math.max(140, rows.length * 26 + 40) + "px";
      show(body, box, el("details", { class: "chart-table", open: true }, el("summary", {}, "The numbers"), table));
      charts.push(new window.Chart(canvas, {
        type: "bar",
        data: { labels: rows.map((r) => r[0]), datasets: [{ label: c.unit, data: rows.map((r) => r[1]), backgroundColor: "#3498DB" }] },
        options: {
          indexAxis: "y", animation: false, responsive: true, maintainAspectRatio: false,
          plugins: { legend: { display: false } }, scales: { x: { beginAtZero: true, ticks: { precision: 0 } } },
        },
      }));
    }));
    root.dataset.ready = "true";
  }
  return { show: draw };
}
