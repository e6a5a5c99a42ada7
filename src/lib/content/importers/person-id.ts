// Ids for people named in imported transcripts (content/README.md, "People without Latin names,
// and unnamed speakers"): a Latin name's slug (`Xuezhi Wang` → `xuezhi-wang`), a Chinese name's
// pinyin by pinyin-pro with surnames read as surnames (`张三` → `zhang-san`, `单田芳` →
// `shan-tian-fang`), and for a diarised label an id scoped to the episode
// (`SPEAKER_1` in episode `ep` → `ep-speaker-1`).
import { pinyin } from "pinyin-pro";

const HAN = /\p{Script=Han}/u;

/** Lowercase ASCII words joined by hyphens; accents folded (`José` → `jose`). */
export function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

/** A person's id from their name: the slug, through pinyin for Chinese characters. "" when there is none. */
export function personIdFor(name: string): string {
  if (!HAN.test(name)) return slugify(name);
  const syllables = pinyin(name.trim(), { toneType: "none", type: "array", surname: "head", nonZh: "consecutive", v: true });
  return slugify(syllables.join(" "));
}

/** The id of a diarised voice in one episode: `<episode-slug>-<label slug>`. */
export function episodeScopedId(episodeSlug: string, label: string): string {
  const own = personIdFor(label) || "speaker";
  return `${episodeSlug}-${own}`;
}
