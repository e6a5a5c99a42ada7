// Markdown (mdast) -> sanitised HTML through unified: remark-rehype, then rehype-sanitize with
// GitHub's allow-list, then rehype-stringify. Raw HTML in the source is dropped, never passed on.
import type { Root, RootContent } from "mdast";
import { unified } from "unified";
import remarkParse from "remark-parse";
import remarkGfm from "remark-gfm";
import remarkRehype from "remark-rehype";
import rehypeSanitize, { defaultSchema } from "rehype-sanitize";
import rehypeStringify from "rehype-stringify";

const sanitizeSchema = {
  ...defaultSchema,
  // Keep in-page links to note turns (#c6-03-note1) without the "user-content-" prefix.
  clobberPrefix: "",
  clobber: [],
  // A cue's words: <span data-cue-start="724.5" data-cue-end="727.25"> (seconds), for following the audio.
  // data-note-ref marks the parser's own links from speech to its editor's notes (Markdown cannot
  // write attributes, so only the parser can produce it); the reader labels them at render time.
  attributes: {
    ...defaultSchema.attributes,
    span: [...(defaultSchema.attributes?.span ?? []), "dataCueStart", "dataCueEnd"],
    a: [...(defaultSchema.attributes?.a ?? []), "dataNoteRef"],
  },
};

const toHtml = unified()
  .use(remarkRehype, { allowDangerousHtml: false })
  .use(rehypeSanitize, sanitizeSchema)
  .use(rehypeStringify);

export const markdownParser = unified().use(remarkParse).use(remarkGfm);

/** Renders Markdown blocks (already parsed) to sanitised HTML. */
export function renderBlocks(blocks: RootContent[]): string {
  const root: Root = { type: "root", children: blocks };
  return toHtml.stringify(toHtml.runSync(root)).trim();
}

/** Renders a Markdown string to sanitised HTML. */
export function renderMarkdown(markdown: string): string {
  return renderBlocks(markdownParser.parse(markdown).children);
}
