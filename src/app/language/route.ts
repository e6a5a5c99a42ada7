// POST /language (the header's language switch, an ordinary form: works without JavaScript):
// remembers the chosen interface language in a cookie and sends the reader back to the page they
// were on (303). The page's URL is the same in every language.
import { NextResponse } from "next/server";
import { z } from "zod";
import { LOCALES, LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE } from "@/i18n/locales";

const LanguageForm = z.object({
  locale: z.enum(LOCALES),
  // A path on this site only: "/x", never "//host" or "https://…" (no open redirect).
  return: z
    .string()
    .max(2000)
    .regex(/^\/(?![/\\])/, "must be a path on this site")
    .default("/"),
});

export async function POST(request: Request) {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return NextResponse.json({ error: "bad_request", message: "expected a form with 'locale'" }, { status: 400 });
  }
  const parsed = LanguageForm.safeParse({ locale: form.get("locale"), return: form.get("return") ?? undefined });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return NextResponse.json({ error: "bad_request", message: `invalid '${String(issue.path[0])}': ${issue.message}` }, { status: 400 });
  }
  const response = new NextResponse(null, { status: 303, headers: { location: parsed.data.return } });
  response.cookies.set(LOCALE_COOKIE, parsed.data.locale, { path: "/", maxAge: LOCALE_COOKIE_MAX_AGE, sameSite: "lax" });
  return response;
}

/**
 * The switch is a form in the header, not a page: a GET (a typed or bookmarked /language) goes to
 * the home page, where the switch is. Nothing changes on a GET.
 */
export function GET() {
  return new NextResponse(null, { status: 303, headers: { location: "/" } });
}
