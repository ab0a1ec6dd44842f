#!/usr/bin/env node
// Runs the benchmark operations on our server and on the peer and compares the answers.
//
//   node check.mjs OURS_URL PEER_URL [--runs N]
//   node check.mjs http://127.0.0.1:8080/graphql http://127.0.0.1:4000/graphql
//
// Our queries are below (OURS); the peer's come from operations.json, where null means the
// peer cannot express the operation (the reason is in its "notes"). Each answer is mapped
// to one canonical shape (ids of unordered lists sorted, ordered lists kept in order) and
// the two are compared. After a warm-up request, each operation runs --runs times (default
// 5) on each server and the median latency is shown. Exit status: 0 when every expressible
// operation succeeded on both servers with the same answer, 1 otherwise, 2 on bad usage.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { isDeepStrictEqual } from "node:util";

const ZONE = "cross-straits-industrial-cooperation-zone-chongqing";

export const OURS = {
  headline: `{ parks(where: {targets: {industry: "biotech", investorOrigin: "Taiwan"}}) { nodes { id name } } }`,
  parksPage: `{ parks(first: 20) { totalCount nodes { id name zone { id name } districts { id name } targets { industry { id name } investorOrigin { id name } } companies { id name } } } }`,
  zone: `{ node(id: "${ZONE}") { ... on Zone { name parks { name subParks { name } } } } }`,
  industryParks: `{ node(id: "electronic-information") { ... on Industry { name parks { id name } } } }`,
  search: `{ search(query: "biotech", first: 10) { entity { id name } score } }`,
  // The traversals ask for inferred and computed relationships too: the peer follows every type.
  neighborhood: `{ neighborhood(id: "${ZONE}", depth: 2, includeInferred: true, includeComputed: true) { nodes { id name } edges { id type source target } } }`,
  shortestPath: `{ shortestPath(from: "taiwan", to: "fuling-district-industrial-park", includeInferred: true, includeComputed: true) { length nodes { id name } steps { relation { id type source target } } } }`,
  breakdown: `{ breakdown(of: PARK, by: INDUSTRY) { entity { id name } count } }`,
  crossTab: `{ crossTab(of: PARK, rows: INDUSTRY, columns: INVESTOR_ORIGIN) { rows { entity { id name } count } columns { entity { id name } count } cells total } }`,
  match: `{ match(industry: "biotech", investorOrigin: "Taiwanese") { place { id name } score parts { rule points } } }`,
};

// ---- canonical shapes

const ref = (e) => (e ? { id: e.id, name: e.name } : null);
const byId = (a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const byName = (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
const refs = (list) => (list ?? []).map(ref).sort(byId);
const key = (x) => JSON.stringify(x);
const sortByKey = (list) => [...list].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
const edge = (e) => ({ id: e.id, type: e.type, source: e.source, target: e.target });
const score = (s) => Math.round(s * 1e6) / 1e6;

const park = (p, targets) => ({
  id: p.id,
  name: p.name,
  zone: ref(p.zone),
  districts: refs(p.districts),
  targets: sortByKey(targets),
  companies: refs(p.companies),
});

const zoneParks = (z) => (z ? { name: z.name, parks: (z.parks ?? []).map((p) => ({ name: p.name, subParks: (p.subParks ?? []).map((s) => s.name).sort() })).sort(byName) } : null);

// For each operation: [canonical form of our answer, canonical form of the peer's].
export const CANON = {
  headline: [(d) => refs(d.parks.nodes), (d) => refs(d.parks)],
  parksPage: [
    (d) => ({
      totalCount: d.parks.totalCount,
      parks: d.parks.nodes.map((p) => park(p, p.targets.map((t) => ({ industry: ref(t.industry), investorOrigin: ref(t.investorOrigin) })))),
    }),
    (d) => ({
      totalCount: d.parksConnection.totalCount,
      parks: d.parksConnection.edges.map(({ node: p }) =>
        park(p, p.targetsConnection.edges.map((e) => ({ industry: ref(e.node), investorOrigin: ref(e.properties.origin) }))),
      ),
    }),
  ],
  zone: [(d) => zoneParks(d.node), (d) => zoneParks(d.zones[0])],
  industryParks: [
    (d) => (d.node ? { name: d.node.name, parks: refs(d.node.parks) } : null),
    (d) => (d.industries[0] ? { name: d.industries[0].name, parks: refs(d.industries[0].parks) } : null),
  ],
  // Ranked: order matters.
  search: [
    (d) => d.search.map((h) => ({ ...ref(h.entity), score: score(h.score) })),
    (d) => d.search.map((h) => ({ ...ref(h.entity), score: score(h.score) })),
  ],
  neighborhood: [
    (d) => ({ nodes: refs(d.neighborhood.nodes), edges: sortByKey(d.neighborhood.edges.map(edge)) }),
    (d) => ({ nodes: refs(d.neighborhood.nodes), edges: sortByKey(d.neighborhood.edges.map(edge)) }),
  ],
  // A path: order matters.
  shortestPath: [
    (d) => d.shortestPath && { length: d.shortestPath.length, nodes: d.shortestPath.nodes.map(ref), edges: d.shortestPath.steps.map((s) => edge(s.relation)) },
    (d) => d.shortestPath && { length: d.shortestPath.length, nodes: d.shortestPath.nodes.map(ref), edges: d.shortestPath.edges.map(edge) },
  ],
  // Most first, then name, then id: order matters.
  breakdown: [
    (d) => d.breakdown.map((b) => ({ ...ref(b.entity), count: b.count })),
    (d) => d.industries.map((i) => ({ ...ref(i), count: i.parkCount })),
  ],
};

// ---- running

export async function post(url, query) {
  const t0 = performance.now();
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ query }),
      signal: AbortSignal.timeout(20000),
    });
    const text = await res.text();
    const ms = performance.now() - t0;
    let body;
    try {
      body = JSON.parse(text);
    } catch {
      return { ms, error: `HTTP ${res.status}: ${text.slice(0, 200)}` };
    }
    if (body.errors?.length) return { ms, error: body.errors.map((e) => e.message).join("; ") };
    if (!res.ok || !body.data) return { ms, error: `HTTP ${res.status}: ${text.slice(0, 200)}` };
    return { ms, data: body.data };
  } catch (e) {
    return { ms: performance.now() - t0, error: String(e.cause?.message ?? e.message ?? e) };
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : NaN;
};

// run sends query once to warm up and then runs times; it returns the first answer and
// the median latency.
async function run(url, query, runs) {
  const first = await post(url, query);
  if (first.error) return first;
  const times = [];
  for (let i = 0; i < runs; i++) {
    const r = await post(url, query);
    if (r.error) return r;
    times.push(r.ms);
  }
  return { data: first.data, ms: runs ? median(times) : first.ms };
}

function canon(fn, data) {
  try {
    return { value: fn(data) };
  } catch (e) {
    return { error: `unexpected answer shape: ${e.message}` };
  }
}

export function firstDifference(a, b, path = "") {
  if (isDeepStrictEqual(a, b)) return null;
  if (a && b && typeof a === "object" && typeof b === "object") {
    if (Array.isArray(a) && Array.isArray(b) && a.length !== b.length) {
      return `${path || "."}: ${a.length} items vs ${b.length}`;
    }
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const d = firstDifference(a[k], b[k], `${path}${Array.isArray(a) ? `[${k}]` : `.${k}`}`);
      if (d) return d;
    }
  }
  return `${path || "."}: ${JSON.stringify(a)?.slice(0, 160)} vs ${JSON.stringify(b)?.slice(0, 160)}`;
}

async function main(argv) {
  const args = argv.filter((a) => !a.startsWith("--"));
  const runsAt = argv.indexOf("--runs");
  const runs = runsAt >= 0 ? Number(argv[runsAt + 1]) : 5;
  if (runsAt >= 0) args.splice(args.indexOf(argv[runsAt + 1]), 1);
  if (args.length !== 2 || !Number.isInteger(runs) || runs < 0) {
    console.error("usage: node check.mjs OURS_URL PEER_URL [--runs N]");
    return 2;
  }
  const [oursUrl, peerUrl] = args;
  const ops = JSON.parse(readFileSync(new URL("./operations.json", import.meta.url), "utf8"));
  const notes = ops.notes ?? {};

  const rows = [];
  const problems = [];
  let failed = false;
  for (const [name, oursQuery] of Object.entries(OURS)) {
    const peerQuery = ops[name];
    const ours = await run(oursUrl, oursQuery, runs);
    const row = { name, ours: ours.error ? "error" : "ok", oursMs: ours.ms, peer: "n/a", peerMs: NaN, same: "n/a" };
    if (ours.error) problems.push(`${name}: ours: ${ours.error}`);
    if (peerQuery === null || peerQuery === undefined) {
      problems.push(`${name}: peer cannot express it: ${notes[name] ?? "(no note)"}`);
      if (ours.error) failed = true;
      rows.push(row);
      continue;
    }
    const peer = await run(peerUrl, peerQuery, runs);
    row.peer = peer.error ? "error" : "ok";
    row.peerMs = peer.ms;
    if (peer.error) problems.push(`${name}: peer: ${peer.error}`);
    if (ours.error || peer.error) {
      row.same = "no";
      failed = true;
      rows.push(row);
      continue;
    }
    const a = canon(CANON[name][0], ours.data);
    const b = canon(CANON[name][1], peer.data);
    if (a.error || b.error) {
      row.same = "no";
      problems.push(`${name}: ${a.error ? `ours ${a.error}` : `peer ${b.error}`}`);
      failed = true;
    } else if (isDeepStrictEqual(a.value, b.value)) {
      row.same = "yes";
    } else {
      row.same = "no";
      problems.push(`${name}: answers differ at ${firstDifference(a.value, b.value)}`);
      failed = true;
    }
    rows.push(row);
  }

  const timing = runs ? `median of ${runs}` : "1 request";
  const fmt = (ms) => (Number.isFinite(ms) ? ms.toFixed(1) : "-");
  const table = [
    ["operation", "ours", "peer", "same answer", `ours ms (${timing})`, `peer ms (${timing})`],
    ...rows.map((r) => [r.name, r.ours, r.peer, r.same, fmt(r.oursMs), fmt(r.peerMs)]),
  ];
  const widths = table[0].map((_, i) => Math.max(...table.map((r) => r[i].length)));
  const line = (r) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
  console.log(`ours: ${oursUrl}\npeer: ${peerUrl}\n`);
  console.log(line(table[0]));
  console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const r of table.slice(1)) console.log(line(r));
  if (problems.length) console.log(`\n${problems.join("\n")}`);
  console.log(`\n${failed ? "MISMATCH" : "all expressible operations agree"}`);
  return failed ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
