// The search API's and page's parameters, validated (shared by /api/search and /search).
import { z } from "zod";
import { Slug } from "../content/schemas";
import { defineQuery, digits, one, text, type QueryInput, type QueryOutput } from "../query-params";

export const SEARCH_KINDS = ["speech", "note", "quote"] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];
export const MAX_LIMIT = 100;
export const MAX_OFFSET = 10_000;

export const SearchQuery = defineQuery({
  // Any text at all is a valid query: parseQuery makes it safe. Longer input is cut, not refused.
  q: one(
    text(2000)
      .optional()
      .transform((v) => v ?? ""),
  ),
  speaker: one(Slug.optional()),
  episode: one(Slug.optional()),
  topic: one(Slug.optional()),
  chapter: one(digits(0, 9999).optional()),
  kind: one(z.enum(SEARCH_KINDS, { error: `must be one of: ${SEARCH_KINDS.join(", ")}` }).optional()),
  /** facets=0 leaves facets out (empty objects): the as-you-type suggestions do not show them. */
  facets: one(
    z
      .enum(["0", "1", "false", "true"], { error: "must be 0 or 1" })
      .optional()
      .transform((v) => v !== "0" && v !== "false"),
  ),
  limit: one(
    digits(1, MAX_LIMIT)
      .optional()
      .transform((v) => v ?? 20),
  ),
  offset: one(
    digits(0, MAX_OFFSET)
      .optional()
      .transform((v) => v ?? 0),
  ),
});

export type SearchRequest = QueryOutput<typeof SearchQuery.fields>;

/** Parses URLSearchParams or a page's searchParams record by the rules of src/lib/query-params.ts. */
export function parseSearchParams(input: QueryInput) {
  const parsed = SearchQuery.parse(input);
  return parsed.ok ? { ok: true as const, request: parsed.data } : parsed;
}
