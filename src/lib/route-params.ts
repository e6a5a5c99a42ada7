// Every route of src/app and the shape of its URL: one entry per route, keyed by the route's path
// in the route tree. src/proxy.ts checks each request against it (400 with a message for a
// malformed parameter, before any page renders), and the pages and API routes parse their own
// params and query with the same schemas.
//
// TO ADD A ROUTE: add an entry to ROUTES below, keyed exactly like its folder path under src/app
// ("/api/episodes/[slug]/chapters"; route groups left out; metadata routes by their URL,
// "/robots.txt"). Give a zod schema for each [param] (string in, e.g. `EpisodeSlugParam`) and a
// `query` made with defineQuery() from src/lib/query-params.ts (`NoQuery` when it takes none):
// `one(schema)` for a parameter that takes one value, `list(schema)` for one that may repeat (say
// so in the README's contract), `digits(min, max)` for numbers. tests/unit/route-tree.test.ts
// walks src/app and fails when a route has no entry here, or an entry has no route. Routes answer
// GET and HEAD only; a handler that takes a POST says so with `methods: ["POST"]`.
import { z } from "zod";
import { Slug } from "./content/schemas";
import { TRANSCRIPT_FORMATS } from "./content/exporters/formats";
import { defineQuery, digits, NoQuery, one, text, type Query, type QueryFields, type QueryInput, type QueryOutput } from "./query-params";
import { parseMoment, type Moment } from "./listen/moment";
import { ReaderFindQuery, ReaderQuery } from "./reader/reader-filter";
import { SearchQuery } from "./search/search-params";

// Each parameter's description names it in the 400 message ("the episode 'X' must be …").
const id = (noun: string) => Slug.max(100, "is too long for an id").describe(noun);
export const EpisodeSlugParam = id("episode");
export const ChapterNumberParam = z
  .string()
  .regex(/^\d{1,4}$/, "must be a chapter number such as 2")
  .transform(Number)
  .describe("chapter");
export const TurnIdParam = z
  .string()
  .max(40, "is too long for a turn id")
  .regex(/^c\d{1,4}-[a-z0-9]+(?:-note\d{1,4})?$/, "must be a turn id such as c2-05, c2-03a or c5-05-note1")
  .describe("turn");
export const ExchangeNumberParam = z
  .string()
  .regex(/^\d{1,5}$/, "must be a question number such as 3")
  .transform(Number)
  .describe("question");
export const QuoteIdParam = id("quote");
export const PersonIdParam = id("speaker");
export const TopicIdParam = id("topic");
export const SitemapFileParam = z
  .string()
  .regex(/^\d{1,6}\.xml$/, "must be a sitemap file such as 0.xml")
  .transform((file) => Number(file.slice(0, -".xml".length)))
  .describe("sitemap file");

/**
 * `?t=` of the reader and its chapter pages: a moment (`1:23:45`, `12:04`, `5025`) or a clip
 * (`696,886`) of the episode's audio, read by src/lib/listen/moment.ts; null when absent.
 */
export const MomentParam = one(
  z
    .string()
    .optional()
    .transform((value, context): Moment | null => {
      if (value === undefined) return null;
      const result = parseMoment(value);
      if (result.ok) return result.moment;
      context.addIssue({ code: "custom", message: result.message });
      return z.NEVER;
    }),
);

/** The reader's query: its filter (speaker, topic), its find box (q) and the moment to play from (t). */
export const ReaderPageQuery = defineQuery({ ...ReaderFindQuery.fields, t: MomentParam });
/** A chapter page's query: the filter and the moment to play from. */
export const ChapterPageQuery = defineQuery({ ...ReaderQuery.fields, t: MomentParam });

/** `?limit=&offset=` of GET /api/episodes: optional; without them the whole list (the contract). */
export const EpisodeListQuery = defineQuery({
  limit: one(digits(1, 1000).optional()),
  offset: one(digits(0, 9_999_999).optional()),
});

/** `?format=` of GET /api/episodes/[slug]/transcript: json when absent. */
export const TranscriptQuery = defineQuery({
  format: one(
    z
      .enum(TRANSCRIPT_FORMATS, { error: `must be one of ${TRANSCRIPT_FORMATS.join(", ")}` })
      .optional()
      .transform((format) => format ?? "json"),
  ),
});

/** `?page=` of a paginated list (the library, a speaker's or a topic's episodes): 1 when absent. */
export const PageQuery = defineQuery({
  page: one(
    digits(1, 999_999)
      .optional()
      .transform((page) => page ?? 1),
  ),
});

/** `?speaker=&topic=&episode=` of GET /api/quotes. */
export const QuoteListQuery = defineQuery({ speaker: one(Slug.optional()), topic: one(Slug.optional()), episode: one(Slug.optional()) });

/** `?q=&speaker=&topic=&episode=` of the quotes page. */
export const QuotesPageQuery = defineQuery({
  ...QuoteListQuery.fields,
  q: one(
    text(2000)
      .optional()
      .transform((q) => q ?? ""),
  ),
});

/** `?q=` of a turn's permalink: the search that led there, whose matches are marked. */
export const HighlightQuery = defineQuery({
  q: one(
    text(500)
      .optional()
      .transform((q) => q ?? ""),
  ),
});

/** The names of a route key's dynamic segments: "/a/[b]/[...c]" -> "b" | "c". */
type ParamNames<P extends string> = P extends `${string}[${infer Name}]${infer Rest}`
  ? (Name extends `...${infer Spread}` ? Spread : Name) | ParamNames<Rest>
  : never;

/** A method a route may answer besides GET and HEAD (a form's POST). */
export type ExtraMethod = "POST";

export type RouteSpec<P extends string = string> = {
  /** One schema per dynamic segment, by its name in the folder ([slug] -> slug); it receives the decoded segment. */
  params: { [N in ParamNames<P>]: z.ZodType<unknown, string> };
  query: Query;
  /**
   * Methods besides GET and HEAD, for a route handler that exports them (e.g. ["POST"] for a
   * form). src/cli/serve.ts answers every other method with 405 before Next.js sees it.
   */
  methods?: readonly ExtraMethod[];
};

const defineRoutes = <T extends { [P in keyof T & string]: RouteSpec<P> }>(routes: T) => routes;

export const ROUTES = defineRoutes({
  "/": { params: {}, query: PageQuery },
  "/episodes/[slug]": { params: { slug: EpisodeSlugParam }, query: ReaderPageQuery },
  "/episodes/[slug]/chapters/[number]": { params: { slug: EpisodeSlugParam, number: ChapterNumberParam }, query: ChapterPageQuery },
  "/episodes/[slug]/turns/[turnId]": { params: { slug: EpisodeSlugParam, turnId: TurnIdParam }, query: HighlightQuery },
  "/episodes/[slug]/questions": { params: { slug: EpisodeSlugParam }, query: NoQuery },
  "/episodes/[slug]/questions/[n]": { params: { slug: EpisodeSlugParam, n: ExchangeNumberParam }, query: NoQuery },
  "/speakers": { params: {}, query: NoQuery },
  "/speakers/[id]": { params: { id: PersonIdParam }, query: PageQuery },
  "/topics": { params: {}, query: NoQuery },
  "/topics/[id]": { params: { id: TopicIdParam }, query: PageQuery },
  "/quotes": { params: {}, query: QuotesPageQuery },
  "/quotes/[id]": { params: { id: QuoteIdParam }, query: NoQuery },
  "/search": { params: {}, query: SearchQuery },
  "/api/episodes": { params: {}, query: EpisodeListQuery },
  "/api/episodes/[slug]": { params: { slug: EpisodeSlugParam }, query: NoQuery },
  "/api/episodes/[slug]/questions": { params: { slug: EpisodeSlugParam }, query: NoQuery },
  "/api/episodes/[slug]/transcript": { params: { slug: EpisodeSlugParam }, query: TranscriptQuery },
  "/api/episodes/[slug]/chapters": { params: { slug: EpisodeSlugParam }, query: NoQuery },
  "/api/quotes": { params: {}, query: QuoteListQuery },
  "/api/search": { params: {}, query: SearchQuery },
  "/api/speakers": { params: {}, query: NoQuery },
  "/api/topics": { params: {}, query: NoQuery },
  "/sitemap.xml": { params: {}, query: NoQuery },
  "/sitemaps/[file]": { params: { file: SitemapFileParam }, query: NoQuery },
  "/robots.txt": { params: {}, query: NoQuery },
  // The header's language switch (a POSTed form: locale, return; checked by the handler).
  "/language": { params: {}, query: NoQuery, methods: ["POST"] },
  "/favicon.ico": { params: {}, query: NoQuery },
  "/icon.svg": { params: {}, query: NoQuery },
  "/apple-icon.png": { params: {}, query: NoQuery },
  "/manifest.webmanifest": { params: {}, query: NoQuery },
});

export type RouteKey = keyof typeof ROUTES;
type QueryOf<R extends RouteKey> = (typeof ROUTES)[R]["query"] extends Query<infer F extends QueryFields> ? QueryOutput<F> : never;

/** The parsed query of a route, for its page or handler (the proxy has already answered 400 for a bad one). */
export function parseRouteQuery<R extends RouteKey>(route: R, input: QueryInput) {
  return ROUTES[route].query.parse(input) as { ok: true; data: QueryOf<R> } | { ok: false; message: string };
}

type Segment = { kind: "static"; text: string } | { kind: "param"; name: string } | { kind: "spread"; name: string };
type CompiledRoute = { key: RouteKey; segments: Segment[] };

const COMPILED: CompiledRoute[] = (Object.keys(ROUTES) as RouteKey[])
  .map((key) => ({
    key,
    segments: key
      .split("/")
      .filter(Boolean)
      .map((part): Segment => {
        const spread = /^\[\.\.\.(\w+)\]$/.exec(part);
        if (spread) return { kind: "spread", name: spread[1]! };
        const param = /^\[(\w+)\]$/.exec(part);
        return param ? { kind: "param", name: param[1]! } : { kind: "static", text: part };
      }),
  }))
  // Next.js's precedence: a static segment wins over a dynamic one, which wins over a catch-all.
  .sort((a, b) => specificity(b) - specificity(a));

function specificity(route: CompiledRoute): number {
  return route.segments.reduce((score, s, i) => score + (s.kind === "static" ? 2 : s.kind === "param" ? 1 : 0) * 3 ** (10 - i), 0);
}

/** The route a path belongs to and its raw (still percent-encoded) parameters; null when none. */
export function matchRoute(pathname: string): { key: RouteKey; params: Record<string, string> } | null {
  const parts = pathname.split("/").filter((part, i, all) => i > 0 && !(part === "" && i === all.length - 1));
  for (const route of COMPILED) {
    const params: Record<string, string> = {};
    let i = 0;
    let matched = true;
    for (const segment of route.segments) {
      if (segment.kind === "spread") {
        if (i >= parts.length) matched = false;
        else params[segment.name] = parts.slice(i).join("/");
        i = parts.length;
        break;
      }
      const part = parts[i++];
      if (part === undefined || part === "" || (segment.kind === "static" && part !== segment.text)) {
        matched = false;
        break;
      }
      if (segment.kind === "param") params[segment.name] = part;
    }
    if (matched && i === parts.length) return { key: route.key, params };
  }
  return null;
}

/** The methods a path answers: GET and HEAD, and those its route declares. */
export function allowedMethods(pathname: string): string[] {
  const match = matchRoute(pathname);
  const spec: RouteSpec | undefined = match ? ROUTES[match.key] : undefined;
  return ["GET", "HEAD", ...(spec?.methods ?? [])];
}

/** Why a URL is malformed (a message for a 400 answer), or null when it is well-formed or belongs to no route. */
export function malformedUrlReason(pathname: string, searchParams: URLSearchParams): string | null {
  const match = matchRoute(pathname);
  if (!match) return null;
  const spec: RouteSpec = ROUTES[match.key];
  for (const [name, schema] of Object.entries(spec.params) as Array<[string, z.ZodType<unknown, string>]>) {
    let value: string;
    try {
      value = decodeURIComponent(match.params[name]!);
    } catch {
      return `the ${schema.description ?? name} in the URL is not valid percent-encoding`;
    }
    const result = schema.safeParse(value);
    if (!result.success)
      return `the ${schema.description ?? name} '${value.slice(0, 80)}' ${result.error.issues[0]?.message ?? "is malformed"}`;
  }
  const query = spec.query.parse(searchParams);
  return query.ok ? null : query.message;
}
