// Marks inside a turn's HTML: the text, links, emphasis and cue spans stay; each range is marked.
import fc from "fast-check";
import { DomUtils, parseDocument } from "htmlparser2";
import { describe, expect, it } from "vitest";
import { markRangesInHtml } from "../../src/lib/reader/mark-html.ts";
import type { Range } from "../../src/lib/search/highlight.ts";

const textOf = (html: string) => DomUtils.textContent(parseDocument(html, { decodeEntities: true }));
const marks = (html: string) =>
  DomUtils.findAll((el) => el.name === "mark", parseDocument(html, { decodeEntities: true }).children).map((el) => ({
    id: el.attribs.id,
    text: DomUtils.textContent(el),
  }));

describe("markRangesInHtml", () => {
  const html =
    '<p><span data-cue-start="0" data-cue-end="4.5">Welcome to <em>Sound</em> Lab &amp; more.</span> <span data-cue-start="4.5">Today 我们 is Ben.</span></p>\n<p>Second <a href="https://x.example/?a=1&amp;b=2">link</a> here.</p>';
  const text = "Welcome to Sound Lab & more. Today 我们 is Ben.\nSecond link here.";

  it("marks each range where it is, keeping the cue spans, emphasis and links around it", () => {
    const out = markRangesInHtml(
      html,
      text,
      [
        [11, 20],
        [35, 37],
        [53, 62],
      ],
      { idPrefix: "find-", firstId: 3 },
    )!;
    expect(textOf(out)).toBe(textOf(html));
    // A range across an element boundary is one mark per piece; the first piece carries the id.
    expect(marks(out)).toEqual([
      { id: "find-3", text: "Sound" },
      { id: undefined, text: " Lab" },
      { id: "find-4", text: "我们" },
      { id: "find-5", text: "link" },
      { id: undefined, text: " here" },
    ]);
    expect(out).toContain('<span data-cue-start="4.5">Today <mark id="find-4"');
    expect(out).toContain('<a href="https://x.example/?a=1&amp;b=2"><mark id="find-5"');
  });

  it("escapes what it writes: text that looks like markup stays text", () => {
    const out = markRangesInHtml("<p>a &lt;script&gt;alert(1)&lt;/script&gt; b</p>", "a <script>alert(1)</script> b", [[2, 10]])!;
    expect(out).not.toContain("<script>");
    expect(marks(out)).toEqual([{ id: undefined, text: "<script>" }]);
  });

  it("is null when the text does not line up with the HTML", () => {
    expect(markRangesInHtml(html, "something else entirely", [[0, 4]])).toBeNull();
  });

  it("for any turn: the text is unchanged and the marks hold exactly the ranges' words", () => {
    const word = fc.stringMatching(/^[a-z&<>"语言模型]{1,6}$/);
    const piece = fc.tuple(fc.constantFrom("plain", "em", "a", "cue"), fc.array(word, { minLength: 1, maxLength: 4 }));
    const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 6 }), fc.array(fc.nat(), { maxLength: 8 }), (pieces, cuts) => {
        const texts = pieces.map(([, words]) => words.join(" "));
        const text = texts.join(" ");
        const html = `<p>${pieces
          .map(([kind], i) => {
            const inner = escape(texts[i]!);
            if (kind === "em") return `<em>${inner}</em>`;
            if (kind === "a") return `<a href="https://x.example/">${inner}</a>`;
            if (kind === "cue") return `<span data-cue-start="${i}">${inner}</span>`;
            return inner;
          })
          .join(" ")}</p>`;
        // Sorted, non-overlapping, non-empty ranges from the cut points.
        const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
        const ranges: Range[] = [];
        for (let i = 0; i + 1 < points.length; i += 2) if (points[i + 1]! > points[i]!) ranges.push([points[i]!, points[i + 1]!]);
        const out = markRangesInHtml(html, text, ranges, { idPrefix: "m" })!;
        expect(out).not.toBeNull();
        expect(textOf(out)).toBe(textOf(html));
        expect(out.match(/data-cue-start/g)?.length ?? 0).toBe(html.match(/data-cue-start/g)?.length ?? 0);
        // The marks, joined per range in order, are the ranges' text.
        const found = marks(out);
        expect(found.filter((m) => m.id).map((m) => m.id)).toEqual(ranges.map((_, i) => `m${i + 1}`));
        const joined: string[] = [];
        for (const m of found) {
          if (m.id) joined.push(m.text);
          else joined[joined.length - 1] += m.text;
        }
        expect(joined).toEqual(ranges.map(([s, e]) => text.slice(s, e)));
      }),
      { numRuns: 300 },
    );
  });
});
