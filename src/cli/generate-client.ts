// npm run db:generate — `prisma generate`, offline-safe, for both databases: the SQLite client
// (src/generated/prisma, from prisma/schema.prisma) and the PostgreSQL one (src/generated/prisma-pg,
// from the generated prisma/postgresql/schema.prisma).
// `prisma generate` needs no schema engine, but the CLI still tries to download one first;
// pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing file skips that download. (Never do this
// for `prisma migrate`/`db push`: they then exit 0 and do nothing. Migrations: npm run migrate.)
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const prismaCli = require.resolve("prisma/build/index.js");
for (const schema of ["prisma/schema.prisma", "prisma/postgresql/schema.prisma"]) {
  const result = spawnSync(process.execPath, [prismaCli, "generate", "--schema", schema], {
    stdio: "inherit",
    env: {
      ...process.env,
      PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
    },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
