// Numbers behind the speaker and episode charts, computed from turns. Pure.

export interface ChapterCount {
  chapter: number;
  title: string;
  turns: number;
  characters: number;
}

/** Characters are counted as Unicode code points of the turn's plain text (a Chinese character is one). */
export const characterCount = (text: string) => [...text].length;

/** How much one speaker spoke in each chapter of an episode (chapters where they did not speak count 0). */
export function speechByChapter(
  chapters: Array<{ number: number; title: string }>,
  turns: Array<{ chapterNumber: number; text: string; kind: string }>,
): ChapterCount[] {
  return chapters.map((chapter) => {
    const theirs = turns.filter((t) => t.kind === "speech" && t.chapterNumber === chapter.number);
    return {
      chapter: chapter.number,
      title: chapter.title,
      turns: theirs.length,
      characters: theirs.reduce((n, t) => n + characterCount(t.text), 0),
    };
  });
}

/** Characters spoken per chapter and speaker: rows are chapters, columns speakers. */
export function speechMatrix(
  chapters: Array<{ number: number; turns: Array<{ kind: string; speakerId: string | null; text: string }> }>,
  speakerIds: string[],
): number[][] {
  return chapters.map((chapter) =>
    speakerIds.map((id) =>
      chapter.turns.filter((t) => t.kind === "speech" && t.speakerId === id).reduce((n, t) => n + characterCount(t.text), 0),
    ),
  );
}

/** The topics a speaker's turns are tagged with most, most first. */
export function topTopics(turns: Array<{ topics: string[] }>, limit = 5): Array<{ topic: string; turns: number }> {
  const counts = new Map<string, number>();
  for (const turn of turns) for (const topic of turn.topics) counts.set(topic, (counts.get(topic) ?? 0) + 1);
  return [...counts]
    .map(([topic, n]) => ({ topic, turns: n }))
    .sort((a, b) => b.turns - a.turns || a.topic.localeCompare(b.topic))
    .slice(0, limit);
}

/** Speech turns tagged with each topic per chapter: rows are chapters, columns topics (notes count toward no topic). */
export function topicMatrix(chapters: Array<{ turns: Array<{ kind: string; topics: string[] }> }>, topicIds: string[]): number[][] {
  return chapters.map((chapter) => topicIds.map((id) => chapter.turns.filter((t) => t.kind === "speech" && t.topics.includes(id)).length));
}
