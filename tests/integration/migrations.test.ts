import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { derivePostgresSchema, diffPostgresMigrationsToSchema, readCommittedPostgresSchema } from "../../src/lib/migrations/postgres.ts";
import { diffMigrationsToSchema } from "../../src/lib/migrations/schema-engine.ts";
import { POSTGRES_URL } from "../support/databases.ts";
import { MIGRATIONS_DIR, ROOT } from "../support/seed.ts";

const SCHEMA = path.join(ROOT, "prisma/schema.prisma");
const POSTGRES_DIR = path.join(ROOT, "prisma/postgresql");
const POSTGRES_MIGRATIONS = path.join(POSTGRES_DIR, "migrations");

/** schema.prisma with one more column on Show, in a folder of its own. */
function schemaWithExtraColumn(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "podcast-kb-schema-"));
  writeFileSync(path.join(dir, "schema.prisma"), readFileSync(SCHEMA, "utf8").replace("model Show {\n", "model Show {\n  extra String?\n"));
  return path.join(dir, "schema.prisma");
}

describe("committed migrations", () => {
  it("match prisma/schema.prisma exactly (no drift)", async () => {
    expect(await diffMigrationsToSchema(SCHEMA, MIGRATIONS_DIR)).toBe("");
  });

  it("would be reported as drift if the schema gained a column", async () => {
    expect(await diffMigrationsToSchema(schemaWithExtraColumn(), MIGRATIONS_DIR)).toMatch(/ALTER TABLE "Show" ADD COLUMN "extra" TEXT/);
  });

  it("PostgreSQL: prisma/postgresql/schema.prisma is what prisma/schema.prisma derives", () => {
    expect(readCommittedPostgresSchema(POSTGRES_DIR)).toBe(derivePostgresSchema(readFileSync(SCHEMA, "utf8")));
  });

  it.runIf(POSTGRES_URL)("PostgreSQL: the committed migrations, run on a real server, match prisma/schema.prisma (no drift)", async () => {
    expect(await diffPostgresMigrationsToSchema(SCHEMA, POSTGRES_MIGRATIONS, POSTGRES_URL!)).toBe("");
  });

  it.runIf(POSTGRES_URL)("PostgreSQL: would be reported as drift if the schema gained a column", async () => {
    expect(await diffPostgresMigrationsToSchema(schemaWithExtraColumn(), POSTGRES_MIGRATIONS, POSTGRES_URL!)).toMatch(
      /ALTER TABLE "Show" ADD COLUMN\s+"extra" TEXT/,
    );
  });
});
