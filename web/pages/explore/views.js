// Shared pieces of the views: evidence quotes with a link into the document reader, and
// the GraphQL query a view ran, with a link that opens it in GraphiQL.
import { el } from "./dom.js";
import { graphiqlLink } from "./api.js";

export const docHref = (docId, quote) => "?" + new URLSearchParams(quote ? { doc: docId, quote } : { doc: docId });
export const entityHref = (id) => "?" + new URLSearchParams({ id });

export function quotes(evidence) {
  if (!evidence || !evidence.length) return null;
  return el("div", { class: "quotes" }, evidence.map((ev) =>
    el("blockquote", { class: "quote" }, ev.quote, " ",
      el("a", { class: "doc-link", href: docHref(ev.document.id, ev.quote), "data-nav": "" }, ev.document.title))));
}

// derivedNote says how the loader derived a relationship (kind and rule), or is null for a
// stated one: what is not stated by its quotes says so.
export function derivedNote(derivation) {
  if (!derivation || derivation.kind === "STATED") return null;
  return el("span", { class: "derived", "data-kind": derivation.kind },
    ` ${derivation.kind.toLowerCase()} by the rule ${derivation.rule}`);
}

// queryBox shows the query a view ran, so that the page doubles as an example.
export function queryBox(query, variables, { open = false, title = "The GraphQL query of this view" } = {}) {
  const link = graphiqlLink(query, variables);
  return el("details", { class: "query", open },
    el("summary", {}, title),
    el("pre", { class: "gql" }, query),
    variables && Object.keys(variables).length ? el("pre", { class: "vars" }, "variables: " + JSON.stringify(variables)) : null,
    link ? el("a", { href: link, class: "graphiql-link", target: "_blank", rel: "noopener" }, "Open in GraphiQL") : el("p", { class: "muted" }, "GraphiQL is switched off on this server."));
}
