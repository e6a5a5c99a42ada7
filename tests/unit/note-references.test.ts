import { describe, expect, it } from "vitest";
import { ProblemList } from "@/lib/content/content-error";
import { parseTranscript } from "@/lib/content/parse-transcript";
import { labelNoteReferences } from "@/lib/reader/note-references";

describe("editor's-note markers are labelled at render time", () => {
  const transcript = "## 01 One\n\n### Ann\n\nWe invested in X[^x], then Y[^y].\n\n[^x]: 更新: X was acquired.\n\n[^y]: Y closed.\n";

  it("stores a language-neutral marker and names it in the interface language", () => {
    const problems = new ProblemList();
    const speakers = { resolve: (name: string) => (name === "Ann" ? "ann" : undefined), known: () => ["Ann"] };
    const chapters = parseTranscript("transcript.md", transcript, speakers, problems);
    expect(problems.problems).toEqual([]);
    const html = chapters[0]!.turns[0]!.html;
    expect(html).toContain('<a href="#c1-01-note1" data-note-ref="">1</a>');
    expect(html).toContain('<a href="#c1-01-note2" data-note-ref="">2</a>');
    const zh = labelNoteReferences(html, (n) => `编者注 ${n}`);
    expect(zh).toContain('<a href="#c1-01-note1" data-note-ref="" aria-label="编者注 1" title="编者注 1">1</a>');
    const en = labelNoteReferences(html, (n) => `Editor's note ${n}`);
    expect(en).toContain('aria-label="Editor&#39;s note 2" title="Editor&#39;s note 2">2</a>');
  });

  it("leaves other links alone and escapes the label", () => {
    const html = '<p><a href="https://example.com">x</a> <a href="#c2-01-note3" data-note-ref="">3</a></p>';
    expect(labelNoteReferences(html, () => '"><script>')).toBe(
      '<p><a href="https://example.com">x</a> <a href="#c2-01-note3" data-note-ref="" aria-label="&#34;&#62;&#60;script&#62;" title="&#34;&#62;&#60;script&#62;">3</a></p>',
    );
  });
});
