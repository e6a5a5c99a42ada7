// The language of a block of content (a turn, a quote, a title), for its `lang` attribute. Content
// is never translated; it is marked so that screen readers pronounce it and browsers pick fonts
// and hyphenation correctly, whatever the interface language.
//
// A block is in its episode's language, with one cheap check that is reliable in practice: in an
// episode written in Chinese, Japanese or Korean, a block with no CJK character at all and some
// Latin words is English (interviews switch to English; we cannot tell English from other Latin
// languages without a model, so a French block in a Chinese interview would be mislabelled "en").

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const LATIN_WORD = /\p{Script=Latin}{2,}/u;

const isCjkLanguage = (tag: string) => /^(zh|ja|ko)(-|$)/i.test(tag);

export function blockLanguage(text: string, episodeLanguage: string): string {
  if (isCjkLanguage(episodeLanguage) && !CJK.test(text) && LATIN_WORD.test(text)) return "en";
  return episodeLanguage;
}

/**
 * The language of a text with no episode to go by (a person's bio, a show's name): Chinese when it
 * has Han characters (Japanese with kana, Korean with Hangul), English when it has only Latin
 * words, else the fallback.
 */
export function guessLanguage(text: string, fallback: string): string {
  if (/[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(text)) return "ja";
  if (/\p{Script=Hangul}/u.test(text)) return "ko";
  if (/\p{Script=Han}/u.test(text)) return "zh-CN";
  if (LATIN_WORD.test(text)) return "en";
  return fallback;
}
