/** `?format=` of GET /api/episodes/[slug]/transcript, in the order the episode page offers them. */
export const TRANSCRIPT_FORMATS = ["json", "vtt", "srt", "txt", "md"] as const;
export type TranscriptFormat = (typeof TRANSCRIPT_FORMATS)[number];
