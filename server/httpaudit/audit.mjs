// Runs every audit of the GraphQL-over-HTTP spec's suite (graphql-http serverAudits)
// against the GraphQL endpoint given as the only argument, and prints one JSON array:
// {id, name, status ("ok", "warn" or "error"), reason} per audit. It exits 0 whatever the
// results; the Go test that runs it decides.
import { serverAudits } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node audit.mjs http://127.0.0.1:PORT/graphql');
  process.exit(2);
}
const results = [];
for (const audit of serverAudits({ url, fetchFn: fetch })) {
  const r = await audit.fn();
  results.push({ id: r.id, name: r.name, status: r.status, reason: r.reason ?? '' });
}
console.log(JSON.stringify(results));
