// The public GraphQL API, as any dashboard calls it, and the queries the explorer runs.

export class APIError extends Error {}

// gql posts query with variables to /graphql and returns its data; an answer with errors,
// an HTTP failure or no answer at all is an APIError with a sentence for the page.
export async function gql(query, variables = {}) {
  let res;
  try {
    res = await fetch("/graphql", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ query, variables }),
    });
  } catch (err) {
    throw new APIError("The server cannot be reached (" + err.message + ").");
  }
  let body;
  try {
    body = await res.json();
  } catch {
    throw new APIError(`The server answered HTTP ${res.status} without a GraphQL response.`);
  }
  if (body.errors && body.errors.length) {
    const why = body.errors.map((e) => e.message + (e.extensions && e.extensions.code ? ` (${e.extensions.code})` : ""));
    throw new APIError("The server could not answer: " + why.join("; "));
  }
  if (!res.ok) throw new APIError(`The server answered HTTP ${res.status}.`);
  return body.data;
}

const evidence = `evidence { quote document { id title } }`;

export const SEARCH = `query Search($query: String!) {
  search(query: $query, first: 10) { exact score entity { id type name aliases } }
}`;

export const ENTITY = `query Entity($id: ID!) {
  node(id: $id) {
    id
    ... on Document { title }
    ... on Entity {
      type name aliases description
      ${evidence}
      facts { property value validFrom validTo conflictsWith { value } ${evidence} }
      relations(first: 300, includeInferred: true, includeComputed: true) {
        id type direction
        node { id type name }
        properties { key value }
        derivation { kind rule }
        ${evidence}
      }
      mentionedIn { id title }
    }
  }
}`;

export const NEIGHBORHOOD = `query Neighborhood($id: ID!) {
  neighborhood(id: $id, depth: 1, limit: 40, includeInferred: true, includeComputed: true) {
    nodes { id type name }
    edges { id type source target properties { key value } derivation { kind rule } ${evidence} }
  }
}`;

export const PATH = `query Path($from: ID!, $to: ID!) {
  from: node(id: $from) { id ... on Entity { type name } }
  to: node(id: $to) { id ... on Entity { type name } }
  shortestPath(from: $from, to: $to) {
    length
    nodes { id type name }
    steps { relation { id type source target derivation { kind rule } } ${evidence} }
  }
}`;

export const DOCUMENT = `query Document($id: ID!) {
  node(id: $id) {
    id
    ... on Document { title publisher author publishedOn text }
  }
}`;

// graphiqlLink opens query (with variables) in GraphiQL, or is null when GraphiQL is off.
export function graphiqlLink(query, variables) {
  if (document.body.dataset.graphiql !== "true") return null;
  const p = new URLSearchParams({ query });
  if (variables && Object.keys(variables).length) p.set("variables", JSON.stringify(variables, null, 2));
  return "/?" + p.toString();
}
