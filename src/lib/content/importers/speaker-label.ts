// What counts as a speaker's label in front of a line of speech (`Sarah: …`, `张三：…`,
// `Speaker 0: …`, `Q: …`), shared by the caption and Markdown parsers.

/** Labels a diarisation tool writes for voices it cannot name: `SPEAKER_1`, `Speaker 0`, `spk_2`, `说话人1`. */
const DIARISED = /^(?:(?:speaker|spk|spkr)[\s_-]*(?:\d{1,3}|[A-Z])|(?:说话人|发言人)\s*\d{1,3})$/i;

export function isDiarisedLabel(label: string): boolean {
  return DIARISED.test(label.trim());
}

/** Question and answer labels of interviews written down: `问：`/`答：`, `Q:`/`A:`. */
export function qaLabel(label: string): "question" | "answer" | null {
  const l = label.trim();
  if (l === "问" || l === "Q" || l === "q" || l === "提问") return "question";
  if (l === "答" || l === "A" || l === "a" || l === "回答") return "answer";
  return null;
}

/** Labels that say what someone is, not who: `主持人：`, `嘉宾：`, `Host:`. */
export const ROLE_WORDS: Record<string, "host" | "guest"> = { 主持人: "host", 主持: "host", 主播: "host", Host: "host", 嘉宾: "guest", Guest: "guest", Interviewer: "host", Interviewee: "guest" };

/** A label that names nobody: a diarised voice, a Q/A letter, a role word, or no label at all. */
export function isUnnamedLabel(label: string): boolean {
  return isDiarisedLabel(label) || qaLabel(label) !== null || label in ROLE_WORDS || /^(?:speaker|unknown(?: speaker)?|说话人|发言人)$/i.test(label.trim());
}

const PARTICLES = new Set(["de", "da", "di", "del", "der", "den", "van", "von", "la", "le", "du", "dos", "das", "bin", "al", "el", "y", "ibn", "ter", "ten"]);
const NOT_NAMES = new Set([
  "note",
  "notes",
  "update",
  "edit",
  "editor",
  "warning",
  "source",
  "sources",
  "link",
  "links",
  "url",
  "see",
  "also",
  "example",
  "summary",
  "transcript",
  "tags",
  "date",
  "title",
  "step",
  "music",
  "applause",
  "laughter",
  "chapter",
  "part",
  "question",
  "answer",
  "http",
  "https",
]);

/**
 * Whether a label before a colon reads as a person's name: one to five words, each capitalised
 * (or a particle like `van`, or an initial), letters only; or up to ten CJK characters; or a
 * diarisation label. `Note`, `Update`, `Step 1` and the like are not names.
 */
export function looksLikeName(label: string): boolean {
  const l = label.trim();
  if (!l || l.length > 48) return false;
  if (isDiarisedLabel(l) || qaLabel(l)) return true;
  if (/^[\p{Script=Han}·・]{1,10}$/u.test(l)) return !/^(注|注释|编者注|更新|备注|来源|链接|提示|时间|标题|摘要)$/.test(l);
  const words = l.split(/\s+/);
  if (words.length > 5) return false;
  if (NOT_NAMES.has(words[0]!.toLowerCase())) return false;
  let capitalised = 0;
  for (const word of words) {
    if (PARTICLES.has(word)) continue;
    if (!/^[\p{Lu}][\p{L}\p{M}'’.-]*$/u.test(word) && !/^\p{Lu}\.?$/u.test(word)) return false;
    capitalised++;
  }
  return capitalised > 0;
}

/** A full name with its initials in brackets, as Chinese transcripts introduce a speaker: `Shaun Apps（SA）`. */
const WITH_ALIAS = /^(.+?)\s*[（(]\s*([\p{L}\p{N} .]{1,12})\s*[)）]$/u;

export function splitAlias(label: string): { name: string; alias: string } | null {
  const match = WITH_ALIAS.exec(label.trim());
  return match ? { name: match[1]!.trim(), alias: match[2]!.trim() } : null;
}

/**
 * `Name: rest` at the start of a line: the label and the rest, when the label reads as a name
 * (`looksLikeName`, or one of `known`). A full-width colon needs no space after it; an ASCII
 * colon needs a space or the end of the line (so `https://…` is never a label).
 */
export function splitSpeakerPrefix(text: string, known?: (label: string) => boolean): { label: string; rest: string } | null {
  const match = /^([^:：\n]{1,60}?)\s*(?:：\s*|:(?:\s+|$))([\s\S]*)$/u.exec(text);
  if (!match) return null;
  const label = match[1]!.trim();
  const bare = splitAlias(label)?.name ?? label;
  if (!(known?.(label) || known?.(bare) || looksLikeName(label) || looksLikeName(bare))) return null;
  return { label, rest: match[2]!.trim() };
}
