// Vitest global setup: which PostgreSQL server the tests that run on both databases use
// (tests/support/databases.ts). See README "Tests" and docs/decisions.md.
//   TEST_POSTGRES_URL=postgresql://…  use that server (tests make and drop schemas named pkbt_*)
//   otherwise, when PostgreSQL's programs are installed (pg_ctl on PATH or /usr/lib/postgresql/*/bin),
//   a throwaway cluster is started for the run and removed after it
//   TEST_POSTGRES=off   SQLite only;   TEST_POSTGRES=required   fail when there is no PostgreSQL
//   (.ci/run sets required)
import pg from "pg";
import type { TestProject } from "vitest/node";
import { findPostgresBin, startCluster, type Cluster } from "./postgres-cluster.ts";

declare module "vitest" {
  export interface ProvidedContext {
    postgresUrl: string | null;
  }
}

export default async function setup(project: TestProject) {
  const mode = process.env.TEST_POSTGRES ?? "auto";
  if (!["auto", "off", "required"].includes(mode)) throw new Error(`TEST_POSTGRES must be auto, off or required, not '${mode}'`);
  let url: string | null = null;
  let cluster: Cluster | null = null;
  if (mode !== "off") {
    if (process.env.TEST_POSTGRES_URL) url = process.env.TEST_POSTGRES_URL;
    else {
      const bin = findPostgresBin();
      if (bin) {
        cluster = await startCluster(bin);
        url = cluster.url;
      }
    }
  }
  if (!url && mode === "required") throw new Error("TEST_POSTGRES=required, but TEST_POSTGRES_URL is unset and no pg_ctl was found");
  if (url) console.log(`PostgreSQL tests: ${cluster ? "a throwaway cluster at " : ""}${url}`);
  else if (mode === "off") console.warn("PostgreSQL tests off (TEST_POSTGRES=off): the tests run on SQLite only");
  else console.warn("PostgreSQL tests skipped: no TEST_POSTGRES_URL and no PostgreSQL installed (they run on SQLite only)");
  project.provide("postgresUrl", url);
  return async () => {
    if (cluster) cluster.stop();
    else if (url) {
      // A server of one's own: drop what the tests left.
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const { rows } = await client.query<{ name: string }>("SELECT nspname AS name FROM pg_namespace WHERE nspname LIKE 'pkbt\\_%'");
        for (const { name } of rows) await client.query(`DROP SCHEMA "${name}" CASCADE`);
      } finally {
        await client.end();
      }
    }
  };
}
