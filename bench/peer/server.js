// Benchmark peer: the parkgraph Neo4j graph served by @neo4j/graphql 7 on graphql-yoga 5,
// read-only, on 127.0.0.1 only. See README.md.
//
//   NEO4J_URI (bolt://127.0.0.1:7687), NEO4J_USERNAME (neo4j), NEO4J_PASSWORD,
//   NEO4J_DATABASE (neo4j), PORT (4000), QUERY_TIMEOUT_MS (10000, as our QUERY_TIMEOUT),
//   INTROSPECTION (false: set to true to allow schema introspection),
//   RESPONSE_CACHE (false: set to true to cache answers with graphql-yoga's response cache)
import { createServer } from "node:http";
import { Neo4jGraphQL } from "@neo4j/graphql";
import { NoSchemaIntrospectionCustomRule } from "graphql";
import { createYoga } from "graphql-yoga";
import { createInMemoryCache, useResponseCache } from "@graphql-yoga/plugin-response-cache";
import neo4j from "neo4j-driver";
import { typeDefs } from "./typeDefs.js";

const env = (name, fallback) => {
  const v = process.env[name];
  return v === undefined || v === "" ? fallback : v;
};

const uri = env("NEO4J_URI", "bolt://127.0.0.1:7687");
const database = env("NEO4J_DATABASE", "neo4j");
const port = Number(env("PORT", "4000"));
const queryTimeoutMs = Number(env("QUERY_TIMEOUT_MS", "10000"));
const introspection = env("INTROSPECTION", "false") === "true";
const responseCache = env("RESPONSE_CACHE", "false") === "true";
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  console.error(`peer: PORT must be a port number, not ${process.env.PORT}`);
  process.exit(2);
}

// The same pool settings as our server (neo4jdb/store.go).
const driver = neo4j.driver(uri, neo4j.auth.basic(env("NEO4J_USERNAME", "neo4j"), env("NEO4J_PASSWORD", "")), {
  maxConnectionPoolSize: 50,
  connectionAcquisitionTimeout: 5000,
  connectionTimeout: 3000,
  maxTransactionRetryTime: 3000,
  userAgent: "parkgraph-bench-peer",
});

const neoSchema = new Neo4jGraphQL({
  typeDefs,
  driver,
  features: {
    // Leave out the deprecated v6 spellings (name_EQ, targets_SOME, ...): the schema is
    // a third of the size and builds faster. Queries use the v7 syntax only.
    excludeDeprecatedFields: {
      mutationOperations: true,
      aggregationFilters: true,
      aggregationFiltersOutsideConnection: true,
      relationshipFilters: true,
      attributeFilters: true,
    },
  },
});

const schema = await neoSchema.getSchema();

const noIntrospection = {
  onValidate({ addValidationRule }) {
    addValidationRule(NoSchemaIntrospectionCustomRule);
  },
};

// The response cache as graphql-yoga's documentation sets it up for a public API: one
// cache for every client (session null), in memory, answers kept until evicted (the
// default ttl, Infinity: the data are read-only while the peer runs), no invalidation by
// mutations (the schema has none). The in-memory LRU holds 10,000 answers instead of the
// default 1,000, so that a dashboard fleet's answers fit. includeExtensionMetadata adds
// extensions.responseCache.hit to every answer, so a client can tell a cached one.
const cachePlugin = useResponseCache({
  session: () => null,
  cache: createInMemoryCache({ max: 10000 }),
  invalidateViaMutation: false,
  includeExtensionMetadata: true,
});

const plugins = [];
if (!introspection) plugins.push(noIntrospection);
if (responseCache) plugins.push(cachePlugin);

const yoga = createYoga({
  schema,
  graphqlEndpoint: "/graphql",
  graphiql: false,
  landingPage: false,
  cors: false,
  // Only unexpected errors (masked in the response) are logged.
  logging: "error",
  plugins,
  context: () => ({
    sessionConfig: { database },
    transaction: { timeout: queryTimeoutMs },
  }),
});

const server = createServer(yoga);
server.listen(port, "127.0.0.1", () => {
  console.log(`peer listening on http://127.0.0.1:${port}/graphql`);
});

let stopping = false;
async function stop(signal) {
  if (stopping) return;
  stopping = true;
  const timer = setTimeout(() => process.exit(1), 10000);
  timer.unref();
  server.close();
  server.closeAllConnections?.();
  await driver.close();
  process.exit(signal === "SIGINT" ? 130 : 0);
}
process.on("SIGINT", () => stop("SIGINT"));
process.on("SIGTERM", () => stop("SIGTERM"));
