import path from "node:path";
import { describe, expect, it } from "vitest";
import { diffMigrationsToSchema } from "../../src/lib/migrations/schema-engine.ts";
import { MIGRATIONS_DIR, ROOT } from "../support/seed.ts";

describe("committed migrations", () => {
  it("match prisma/schema.prisma exactly (no drift)", async () => {
    expect(await diffMigrationsToSchema(path.join(ROOT, "prisma/schema.prisma"), MIGRATIONS_DIR)).toBe("");
  });

  it("would be reported as drift if the schema gained a column", async () => {
    const { mkdtempSync, readFileSync, writeFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const dir = mkdtempSync(path.join(tmpdir(), "podcast-kb-schema-"));
    const schema = readFileSync(path.join(ROOT, "prisma/schema.prisma"), "utf8").replace(
      "model Show {\n",
      "model Show {\n  extra String?\n",
    );
    writeFileSync(path.join(dir, "schema.prisma"), schema);
    expect(await diffMigrationsToSchema(path.join(dir, "schema.prisma"), MIGRATIONS_DIR)).toMatch(
      /ALTER TABLE "Show" ADD COLUMN "extra" TEXT/,
    );
  });
});
