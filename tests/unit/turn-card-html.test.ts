// The reader writes its turn cards as HTML strings (src/lib/reader/turn-card-html.ts) instead of
// rendering <TurnCard> elements: the strings must be exactly what React renders for the same turns
// (ids, data-* attributes, aria labels, classes, escaping), in both interface languages, with and
// without a player, find marks (in the HTML and the plain-text fallback) and filter folds.
import { createElement, type ReactNode } from "react";
import { jsx } from "react/jsx-runtime";
import { renderToStaticMarkup } from "react-dom/server";
import { NextIntlClientProvider, createTranslator } from "next-intl";
import { describe, expect, it, vi } from "vitest";
import type { TurnDTO } from "../../src/lib/data/episodes";
import { MESSAGES } from "../../src/i18n/messages";
import { LOCALES, type Locale } from "../../src/i18n/locales";
import { CHAPTER_TURNS_CLASS, chapterTurnsHtml, turnCardHtml, turnCardLabels, type Translate } from "../../src/lib/reader/turn-card-html";
import type { TurnListen } from "../../src/components/turn-card";

// Outside Next.js: next/link is a plain link (the reader's cards use plain <a>), and the body leaf's
// router is never called during server rendering.
vi.mock("next/link", () => ({ default: (props: Record<string, unknown>) => createElement("a", props) }));
vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh() {} }) }));

const { ChapterTurns } = await import("../../src/app/episodes/[slug]/_components/chapter-turns");
const { TurnCard } = await import("../../src/components/turn-card");

let ordinal = 0;
function turn(over: Partial<TurnDTO> & { turnId: string }): TurnDTO {
  return {
    ordinal: ordinal++,
    chapterNumber: 1,
    kind: "speech",
    speakerId: "ada-park",
    text: "你好,世界",
    html: "<p>你好,世界</p>",
    startSeconds: 61,
    startMs: 61_500,
    endMs: 64_250,
    topics: [],
    url: `/episodes/e/turns/${over.turnId}`,
    exchange: null,
    asks: false,
    ...over,
  };
}

const TURNS: TurnDTO[] = [
  turn({
    turnId: "c1-01",
    topics: ["ai-safety", "no-name"],
    text: "Hello there & <friends>",
    html: "<p>Hello <em>there</em> &amp; &lt;friends&gt;</p>",
  }),
  turn({
    turnId: "c1-02",
    speakerId: "ben-ortiz",
    text: "对 讲得好 再说一次",
    html: '<p><span data-cue-start="70" data-cue-end="72">对 讲得好</span> <span data-cue-start="70" data-cue-end="72">再说</span><span data-cue-start="73.5" data-cue-end="75">一次</span><a href="#c1-03-note1" data-note-ref="">1</a></p>',
  }),
  turn({
    turnId: "c1-03",
    kind: "note",
    speakerId: null,
    text: "编者注",
    html: '<p id="c1-03-note1">编者注</p>',
    startSeconds: null,
    startMs: null,
    endMs: null,
  }),
  turn({ turnId: "c1-04", speakerId: null, startSeconds: null, startMs: null, endMs: null }),
  turn({ turnId: "c1-05", speakerId: "cy-narrator", topics: ["ai-safety"], endMs: null }),
  turn({ turnId: "c1-06", speakerId: "dee-co", text: "完全不同的文字", html: "<p>abc</p>" }),
  turn({ turnId: "c1-07", speakerId: "ben-ortiz", startSeconds: 3725, startMs: 3_725_000 }),
];
const SPEAKERS = new Map([
  ["ada-park", { id: "ada-park", name: `Ada "A" <Park> & O'Neil`, role: "host" }],
  ["ben-ortiz", { id: "ben-ortiz", name: "本·奥尔蒂斯", role: "guest" }],
  ["cy-narrator", { id: "cy-narrator", name: "Cy", role: "narrator" }],
  ["dee-co", { id: "dee-co", name: "dee", role: "co-host" }],
]);
const TOPIC_NAMES = new Map([["ai-safety", 'AI <安全> & "对齐"']]);
const FOUND = new Map([
  ["c1-01", { ranges: [[6, 11]] as Array<[number, number]>, firstId: 1 }],
  ["c1-06", { ranges: [[0, 2]] as Array<[number, number]>, firstId: 2 }],
]);
const LISTEN: TurnListen = {
  href: (start, turnId) => `?speaker=a&q=<"'>&t=${start}#${turnId}`,
  playFromLabel: (clock) => `Play from ${clock} & "so"`,
};

function withIntl(locale: Locale, node: ReactNode): string {
  return renderToStaticMarkup(
    // jsx(): the provider's props type asks for its children among them.
    jsx(NextIntlClientProvider, { locale, messages: MESSAGES[locale], timeZone: "UTC", children: node }),
  );
}

function labels(locale: Locale) {
  const messages = MESSAGES[locale];
  const t = (namespace: "TurnCard" | "Common" | "Roles" | "Copy" | "Filter") =>
    createTranslator({ locale, messages, namespace }) as unknown as Translate;
  return turnCardLabels({ TurnCard: t("TurnCard"), Common: t("Common"), Roles: t("Roles"), Copy: t("Copy"), Filter: t("Filter") });
}

const VIEWS = [
  { name: "plain", matches: () => true },
  { name: "filtered (folds)", matches: (t: TurnDTO) => t.speakerId === "ben-ortiz" || t.turnId === "c1-01" },
  { name: "find marks", matches: () => true, found: FOUND },
  { name: "player", matches: () => true, listen: LISTEN },
  { name: "player, filtered, find marks", matches: (t: TurnDTO) => t.kind === "speech", listen: LISTEN, found: FOUND },
];

describe("the reader's turn cards as HTML", () => {
  for (const locale of LOCALES)
    for (const view of VIEWS)
      it(`writes what <ChapterTurns> renders (${locale}, ${view.name})`, () => {
        const props = {
          turns: TURNS,
          matches: view.matches,
          speakers: SPEAKERS,
          topicNames: TOPIC_NAMES,
          found: view.found,
          listen: view.listen,
          language: "zh-CN",
        };
        const react = withIntl(locale, createElement(ChapterTurns, props));
        const html = `<div class="${CHAPTER_TURNS_CLASS}">${chapterTurnsHtml({ ...props, labels: labels(locale) })}</div>`;
        expect(html).toBe(react);
        // The contracts are there (a regression in the renderer would also fail the equality above).
        expect(html).toContain('<article id="c1-02" data-turn-id="c1-02" data-speaker="ben-ortiz" data-kind="speech"');
        if (view.name.startsWith("filtered")) expect(html).toContain('<details data-hidden-turns="4"');
        if (view.found) {
          expect(html).toContain('<mark id="find-1"'); // marked inside the turn's HTML
          expect(html).toContain('data-highlighted="true"><mark id="find-2"'); // the plain-text fallback
        }
        if (view.listen) expect(html).toMatch(/data-seek="61.5" aria-label="Play from 1:01 &amp; &quot;so&quot;"[^]*class="cue-time"/);
      });

  it("writes what <TurnCard> renders on the reader, its body through the leaf", () => {
    for (const t of TURNS) {
      const react = withIntl(
        "en",
        createElement(TurnCard, {
          turn: t,
          speaker: SPEAKERS.get(t.speakerId ?? "") ?? null,
          language: "zh-CN",
          topicNames: TOPIC_NAMES,
          listen: LISTEN,
          bodies: null,
        }),
      );
      expect(
        turnCardHtml(t, SPEAKERS.get(t.speakerId ?? "") ?? null, {
          language: "zh-CN",
          topicNames: TOPIC_NAMES,
          listen: LISTEN,
          labels: labels("en"),
        }),
      ).toBe(react);
    }
  });
});
