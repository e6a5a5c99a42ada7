// The shape of every dynamic URL segment and query, shared by src/proxy.ts (which answers 400
// for malformed input before any page renders) and by the pages and API routes themselves.
import { z } from "zod";
import { Slug } from "./content/schemas";
import { ReaderSearchParams } from "./reader/reader-filter";
import { parseSearchParams } from "./search/search-params";

export const EpisodeSlugParam = Slug;
export const ChapterNumberParam = z
  .string()
  .regex(/^\d{1,4}$/, "must be a chapter number such as 2")
  .transform(Number);
export const TurnIdParam = z
  .string()
  .max(40, "is too long for a turn id")
  .regex(/^c\d{1,4}-[a-z0-9]+(?:-note\d{1,4})?$/, "must be a turn id such as c2-05, c2-03a or c5-05-note1");
export const ExchangeNumberParam = z
  .string()
  .regex(/^\d{1,5}$/, "must be a question number such as 3")
  .transform(Number);
export const QuoteIdParam = Slug;
export const PersonIdParam = Slug;
export const TopicIdParam = Slug;

/** `?limit=&offset=` of GET /api/episodes: optional; without them the whole list (the contract). */
export const EpisodeListQuery = z.object({
  limit: z
    .string()
    .regex(/^\d{1,4}$/, "must be a whole number from 1 to 1000")
    .transform(Number)
    .refine((n) => n >= 1 && n <= 1000, "must be a whole number from 1 to 1000")
    .optional(),
  offset: z
    .string()
    .regex(/^\d{1,7}$/, "must be a whole number ≥ 0")
    .transform(Number)
    .optional(),
});

/** `?page=` of a paginated profile (a speaker's episodes, a topic's episodes): 1 when absent. */
export const PageQuery = z.object({
  page: z
    .string()
    .regex(/^[1-9]\d{0,5}$/, "must be a page number such as 2")
    .transform(Number)
    .optional(),
});

type Check = {
  pattern: RegExp;
  params: Array<[name: string, schema: z.ZodType]>;
  query?: z.ZodType;
  /** A query check that gives its own message. */
  checkQuery?: (searchParams: URLSearchParams) => string | null;
};

const searchQuery = (searchParams: URLSearchParams) => {
  const parsed = parseSearchParams(searchParams);
  return parsed.ok ? null : parsed.message;
};

const ROUTES: Check[] = [
  {
    pattern: /^\/episodes\/([^/]+)\/chapters\/([^/]+)\/?$/,
    params: [
      ["episode", EpisodeSlugParam],
      ["chapter", ChapterNumberParam],
    ],
    query: ReaderSearchParams,
  },
  {
    pattern: /^\/episodes\/([^/]+)\/turns\/([^/]+)\/?$/,
    params: [
      ["episode", EpisodeSlugParam],
      ["turn", TurnIdParam],
    ],
  },
  { pattern: /^\/episodes\/([^/]+)\/?$/, params: [["episode", EpisodeSlugParam]], query: ReaderSearchParams },
  {
    pattern: /^\/episodes\/([^/]+)\/questions\/([^/]+)\/?$/,
    params: [
      ["episode", EpisodeSlugParam],
      ["question", ExchangeNumberParam],
    ],
  },
  { pattern: /^\/episodes\/([^/]+)\/questions\/?$/, params: [["episode", EpisodeSlugParam]] },
  { pattern: /^\/api\/episodes\/?$/, params: [], query: EpisodeListQuery },
  { pattern: /^\/api\/episodes\/([^/]+)(?:\/questions)?\/?$/, params: [["episode", EpisodeSlugParam]] },
  { pattern: /^\/quotes\/([^/]+)\/?$/, params: [["quote", QuoteIdParam]] },
  { pattern: /^\/$/, params: [], query: PageQuery },
  { pattern: /^\/speakers\/([^/]+)\/?$/, params: [["speaker", PersonIdParam]], query: PageQuery },
  { pattern: /^\/topics\/([^/]+)\/?$/, params: [["topic", TopicIdParam]], query: PageQuery },
  { pattern: /^\/search\/?$/, params: [], checkQuery: searchQuery },
  { pattern: /^\/api\/search\/?$/, params: [], checkQuery: searchQuery },
];

function searchParamsToRecord(searchParams: URLSearchParams): Record<string, string | string[]> {
  const record: Record<string, string | string[]> = {};
  for (const key of new Set(searchParams.keys())) {
    const values = searchParams.getAll(key);
    record[key] = values.length === 1 ? values[0]! : values;
  }
  return record;
}

/** Why a URL is malformed (a message for a 400 answer), or null when it is well-formed. */
export function malformedUrlReason(pathname: string, searchParams: URLSearchParams): string | null {
  for (const route of ROUTES) {
    const match = route.pattern.exec(pathname);
    if (!match) continue;
    for (const [index, [name, schema]] of route.params.entries()) {
      let value: string;
      try {
        value = decodeURIComponent(match[index + 1]!);
      } catch {
        return `the ${name} in the URL is not valid percent-encoding`;
      }
      const result = schema.safeParse(value);
      if (!result.success) return `the ${name} '${value.slice(0, 80)}' ${result.error.issues[0]?.message ?? "is malformed"}`;
    }
    if (route.checkQuery) {
      const message = route.checkQuery(searchParams);
      if (message) return message;
    }
    if (route.query) {
      const result = route.query.safeParse(searchParamsToRecord(searchParams));
      if (!result.success) {
        const issue = result.error.issues[0]!;
        return `the '${String(issue.path[0])}' query parameter ${issue.message}`;
      }
    }
    return null;
  }
  return null;
}
