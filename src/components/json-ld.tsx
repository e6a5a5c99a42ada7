/** Structured data for search engines. JSON is escaped so that no "</script>" can end the tag. */
export function JsonLd({ data }: { data: Record<string, unknown> }) {
  const json = JSON.stringify({ "@context": "https://schema.org", ...data })
    .replace(/</g, "\\u003c")
    .replace(/\u2028|\u2029/g, "");
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: json }} />;
}
