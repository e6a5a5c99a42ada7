// How a query string becomes typed values: one rule for every page and API (src/lib/route-params.ts
// gives each route its fields).
// - A parameter the route does not define is ignored, so tracking parameters (?utm_source=…) added
//   to a shared link do not break it.
// - An empty value (`?speaker=`, what an HTML form sends for an empty field) is the same as none.
// - A parameter given twice is a 400, unless the route declares it a list (`list(…)`; the README's
//   "Pages and contracts" says which parameters are lists).
// - Numbers are decimal digits only (`digits(…)`): no sign, space, decimal point, exponent, hex,
//   octal or binary prefix; `0x10`, `1e4`, `+5`, ` 5` and `5.0` are all 400s.
import { z } from "zod";

/** A query as Next.js hands it to a page (a record) or to a route handler (URLSearchParams). */
export type QueryInput = URLSearchParams | Record<string, string | string[] | undefined>;

/** A parameter that takes at most one value; its schema receives the value or undefined. */
export type OneField<T = unknown> = { kind: "one"; schema: z.ZodType<T, string | undefined> };
/** A parameter that may repeat; its schema receives every non-empty value in order. */
export type ListField<T = unknown> = { kind: "list"; schema: z.ZodType<T, string[]> };
export type QueryFields = Record<string, OneField | ListField>;

type FieldOutput<F> = F extends OneField<infer T> ? T : F extends ListField<infer T> ? T : never;
export type QueryOutput<F extends QueryFields> = { [K in keyof F]: FieldOutput<F[K]> };

export const one = <T>(schema: z.ZodType<T, string | undefined>): OneField<T> => ({ kind: "one", schema });
export const list = <T>(schema: z.ZodType<T, string[]>): ListField<T> => ({ kind: "list", schema });

/** A whole number in [min, max] written with decimal digits only. */
export function digits(min: number, max: number) {
  const message = `must be a whole number from ${min} to ${max}, in decimal digits`;
  return z
    .string()
    .regex(new RegExp(`^[0-9]{1,${String(max).length}}$`), message)
    .transform(Number)
    .refine((n) => n >= min && n <= max, message);
}

/** Free text (a search query): any characters; longer input is cut, not refused. */
export const text = (maxLength: number) => z.string().transform((v) => v.slice(0, maxLength));

export type Query<F extends QueryFields = QueryFields> = {
  fields: F;
  parse(input: QueryInput): { ok: true; data: QueryOutput<F> } | { ok: false; message: string };
};

/** The query of a route: its fields, and a parser that applies the rules above. */
export function defineQuery<F extends QueryFields>(fields: F): Query<F> {
  const schema = z.object(Object.fromEntries(Object.entries(fields).map(([key, field]) => [key, field.schema])));
  return {
    fields,
    parse(input) {
      const values = collect(input, fields);
      const record: Record<string, string | string[] | undefined> = {};
      for (const [key, field] of Object.entries(fields)) {
        const given = values.get(key) ?? [];
        if (field.kind === "list") record[key] = given;
        else if (given.length > 1)
          return { ok: false, message: `the '${key}' query parameter is given ${given.length} times; it takes one value` };
        else record[key] = given[0];
      }
      const result = schema.safeParse(record);
      if (result.success) return { ok: true, data: result.data as QueryOutput<F> };
      const issue = result.error.issues[0]!;
      return { ok: false, message: `the '${String(issue.path[0])}' query parameter ${issue.message}` };
    },
  };
}

/** A route without query parameters (any it is given are ignored). */
export const NoQuery = defineQuery({});

/** The non-empty values of the defined keys, in one pass (URLSearchParams.getAll per key is O(n) each). */
function collect(input: QueryInput, fields: QueryFields): Map<string, string[]> {
  const values = new Map<string, string[]>();
  const add = (key: string, value: string) => {
    if (value === "" || !Object.hasOwn(fields, key)) return;
    const list = values.get(key);
    if (list) list.push(value);
    else values.set(key, [value]);
  };
  if (input instanceof URLSearchParams) {
    for (const [key, value] of input) add(key, value);
  } else {
    for (const [key, value] of Object.entries(input)) {
      if (Array.isArray(value)) value.forEach((v) => add(key, v));
      else if (value !== undefined) add(key, value);
    }
  }
  return values;
}
