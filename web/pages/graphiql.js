// GraphiQL on /graphql with the README's examples as tabs (the headline query first) and
// the query-builder Explorer plugin open. Every file comes from this server.
const { createElement: h } = React;
const container = document.getElementById("graphiql");
const explorerPage = container.dataset.explorer === "true";

// ?query=... opens that query in a tab of its own, in front (the explorer's
// "open in GraphiQL" links use it).
const params = new URLSearchParams(location.search);
const asked = params.get("query");
const askedVariables = params.get("variables") || undefined;

async function start() {
  const res = await fetch("/assets/examples.json");
  if (!res.ok) throw new Error(`examples: HTTP ${res.status}`);
  const examples = await res.json();
  const tabs = examples.map((e) => ({ query: e.query }));
  if (asked) tabs.unshift({ query: asked, variables: askedVariables });
  const fetcher = GraphiQL.createFetcher({ url: "/graphql" });
  const explorer = GraphiQLPluginExplorer.explorerPlugin();
  const links = [h("span", { key: "name" }, "parkgraph")];
  if (explorerPage) links.push(h("a", { key: "explore", href: "/explore" }, "Explorer page"));
  links.push(h("a", { key: "sdl", href: "/schema.graphql" }, "SDL"));
  const storage = asked ? memoryStorage() : prefixedStorage("parkgraph:" + hash(JSON.stringify(tabs)) + ":");
  ReactDOM.createRoot(container).render(
    h(GraphiQL, {
      fetcher,
      plugins: [explorer],
      visiblePlugin: explorer,
      defaultTabs: tabs,
      storage,
      shouldPersistHeaders: false,
    },
    h(GraphiQL.Logo, null, h("span", { className: "parkgraph-links" }, links))),
  );
}

// prefixedStorage keeps GraphiQL's state (tabs, edits) in localStorage under prefix, so
// that edits survive a reload while a new set of examples starts from fresh tabs.
function prefixedStorage(prefix) {
  let ls;
  try {
    ls = window.localStorage;
    ls.getItem(prefix);
  } catch {
    return memoryStorage();
  }
  const keys = () => Object.keys(ls).filter((k) => k.startsWith(prefix));
  return {
    getItem: (k) => ls.getItem(prefix + k),
    setItem: (k, v) => ls.setItem(prefix + k, v),
    removeItem: (k) => ls.removeItem(prefix + k),
    clear: () => keys().forEach((k) => ls.removeItem(k)),
    key: (i) => (keys()[i] || "").slice(prefix.length) || null,
    get length() {
      return keys().length;
    },
  };
}

// memoryStorage forgets everything on reload: a tab opened from a link stays in front.
function memoryStorage() {
  const m = new Map();
  return {
    getItem: (k) => (m.has(k) ? m.get(k) : null),
    setItem: (k, v) => m.set(k, String(v)),
    removeItem: (k) => m.delete(k),
    clear: () => m.clear(),
    key: (i) => [...m.keys()][i] ?? null,
    get length() {
      return m.size;
    },
  };
}

function hash(s) {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return (h >>> 0).toString(36);
}

start().catch((err) => {
  container.textContent = "GraphiQL could not start: " + err.message;
});
