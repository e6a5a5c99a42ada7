// The search API's and page's parameters, validated (shared by /api/search and /search).
import { z } from "zod";
import { Slug } from "../content/schemas";

export const SEARCH_KINDS = ["speech", "note", "quote"] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];
export const MAX_LIMIT = 100;
export const MAX_OFFSET = 10_000;

const blankToUndefined = (v: unknown) => (v === "" ? undefined : v);

const optionalSlug = z
  .string()
  .optional()
  .transform((v) => (v === "" ? undefined : v))
  .pipe(Slug.optional());

export const SearchParams = z.object({
  // Any text at all is a valid query: parseQuery makes it safe. Longer input is cut, not refused.
  q: z
    .string()
    .optional()
    .transform((v) => (v ?? "").slice(0, 2000)),
  speaker: optionalSlug,
  episode: optionalSlug,
  topic: optionalSlug,
  chapter: z
    .string()
    .optional()
    .transform((v) => (v === "" ? undefined : v))
    .pipe(
      z
        .string()
        .regex(/^\d{1,4}$/, "must be a chapter number")
        .transform(Number)
        .optional(),
    ),
  kind: z
    .string()
    .optional()
    .transform((v) => (v === "" ? undefined : v))
    .pipe(z.enum(SEARCH_KINDS, { error: `must be one of: ${SEARCH_KINDS.join(", ")}` }).optional()),
  /** facets=0 leaves facets out (empty objects): the as-you-type suggestions do not show them. */
  facets: z
    .enum(["0", "1", "false", "true", ""], { error: "must be 0 or 1" })
    .optional()
    .transform((v) => v !== "0" && v !== "false"),
  limit: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: "must be a number" })
      .int("must be a whole number")
      .min(1, "at least 1")
      .max(MAX_LIMIT, `at most ${MAX_LIMIT}`)
      .default(20),
  ),
  offset: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: "must be a number" })
      .int("must be a whole number")
      .min(0, "at least 0")
      .max(MAX_OFFSET, `at most ${MAX_OFFSET}`)
      .default(0),
  ),
});

export type SearchRequest = z.infer<typeof SearchParams>;

/** Parses URLSearchParams (or a page's searchParams record); repeated keys take the first value. */
export function parseSearchParams(input: URLSearchParams | Record<string, string | string[] | undefined>) {
  const record: Record<string, string> = {};
  if (input instanceof URLSearchParams) {
    for (const key of input.keys()) record[key] ??= input.get(key) ?? "";
  } else {
    for (const [key, value] of Object.entries(input))
      if (value !== undefined) record[key] = Array.isArray(value) ? (value[0] ?? "") : value;
  }
  const result = SearchParams.safeParse(record);
  if (result.success) return { ok: true as const, request: result.data };
  const issue = result.error.issues[0]!;
  return { ok: false as const, message: `invalid '${String(issue.path[0])}' parameter: ${issue.message}` };
}
