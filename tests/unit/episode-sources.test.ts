// An episode's audio, licence and import record (episode.md): read when right, and every mistake
// named at its file and line.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ContentValidationError, type ContentProblem } from "../../src/lib/content/content-error.ts";
import { loadLibrary } from "../../src/lib/content/load-library.ts";
import { copyContent, editFile, lineOf, SEED_DIR, SEED_SLUG } from "../support/seed.ts";

const EPISODE = `${SEED_DIR}/episode.md`;

const withFacts = (facts: string) => (text: string) => text.replace("  note: 转载页面", `${facts}\n  note: 转载页面`.replace(/^\n/, ""));

function problemsOf(contentDir: string): ContentProblem[] {
  try {
    loadLibrary(contentDir);
  } catch (error) {
    if (error instanceof ContentValidationError) return error.problems;
    throw error;
  }
  throw new Error("expected the content to be rejected");
}

function expectProblem(edit: (text: string) => string, needle: string, message: RegExp) {
  const dir = copyContent();
  editFile(dir, EPISODE, edit);
  const problems = problemsOf(dir);
  expect(problems.map((p) => `${p.file}:${p.line}: ${p.message}`)).toHaveLength(1);
  expect(problems[0]!.file).toBe(path.join("content", EPISODE));
  expect(problems[0]!.line).toBe(lineOf(dir, EPISODE, needle));
  expect(problems[0]!.message).toMatch(message);
}

const AUDIO = "audio:\n  url: https://example.org/e.mp3\n  type: audio/mpeg\n  duration: 3725";

describe("episode audio, licence and import record", () => {
  it("are read when given, and absent from the seed", () => {
    const dir = copyContent();
    expect(loadLibrary(dir).episodes[0]).toMatchObject({ audio: null, imported: null, source: { licence: null } });
    editFile(dir, EPISODE, (t) =>
      t
        .replace("  name: 展会信息港（转载）", "  name: 展会信息港（转载）\n  licence: CC BY 4.0, by the show")
        .replace("participants:", `${AUDIO}\nimported:\n  file: raw.vtt\n  format: webvtt\nparticipants:`),
    );
    const episode = loadLibrary(dir).episodes.find((e) => e.slug === SEED_SLUG)!;
    expect(episode.audio).toEqual({ url: "https://example.org/e.mp3", type: "audio/mpeg", duration: 3725 });
    expect(episode.imported).toEqual({ file: "raw.vtt", format: "webvtt" });
    expect(episode.source.licence).toBe("CC BY 4.0, by the show");
  });

  it("take a duration written as a time, and audio without type or duration", () => {
    const dir = copyContent();
    editFile(dir, EPISODE, (t) =>
      t.replace("participants:", "audio:\n  url: https://example.org/e.mp3\n  duration: '1:02:05.5'\nparticipants:"),
    );
    expect(loadLibrary(dir).episodes[0]!.audio).toEqual({ url: "https://example.org/e.mp3", type: null, duration: 3725.5 });
    editFile(dir, EPISODE, (t) => t.replace("  duration: '1:02:05.5'\n", ""));
    expect(loadLibrary(dir).episodes[0]!.audio).toEqual({ url: "https://example.org/e.mp3", type: null, duration: null });
  });

  it("an audio URL that is not http(s)", () => {
    expectProblem(
      (t) => t.replace("participants:", "audio:\n  url: file:///etc/passwd\nparticipants:"),
      "url: file:///etc/passwd",
      /'audio\.url': must be an absolute http\(s\) URL/,
    );
  });

  it("audio without a URL", () => {
    expectProblem(
      (t) => t.replace("participants:", "audio:\n  type: audio/mpeg\nparticipants:"),
      "audio:",
      /'audio\.url'.*add a line 'url: …'/,
    );
  });

  it("an audio type that is not a MIME type", () => {
    expectProblem(
      (t) => t.replace("participants:", `${AUDIO.replace("audio/mpeg", "mp3")}\nparticipants:`),
      "type: mp3",
      /'audio\.type': must be a MIME type such as audio\/mpeg/,
    );
  });

  it("a negative duration", () => {
    expectProblem(
      (t) => t.replace("participants:", `${AUDIO.replace("3725", "-5")}\nparticipants:`),
      "duration: -5",
      /'audio\.duration': must not be negative/,
    );
  });

  it("a duration that is neither seconds nor a time", () => {
    expectProblem(
      (t) => t.replace("participants:", `${AUDIO.replace("3725", "an hour")}\nparticipants:`),
      "duration: an hour",
      /'audio\.duration': must be seconds \(3725\) or a time/,
    );
  });

  it("an unknown audio field", () => {
    expectProblem(
      (t) => t.replace("participants:", `${AUDIO}\n  bitrate: 128\nparticipants:`),
      "bitrate: 128",
      /unrecognized key.*bitrate/i,
    );
  });

  it("an empty licence", () => {
    expectProblem(withFacts("  licence: ''"), "licence: ''", /'source\.licence': must not be empty/);
  });

  it("an import record without its format", () => {
    expectProblem(
      (t) => t.replace("participants:", "imported:\n  file: raw.vtt\nparticipants:"),
      "imported:",
      /'imported\.format'.*add a line 'format: …'/,
    );
  });

  it("an import format that is not a name", () => {
    expectProblem(
      (t) => t.replace("participants:", "imported:\n  file: raw.vtt\n  format: Web VTT\nparticipants:"),
      "format: Web VTT",
      /'imported\.format': must be a format name such as 'webvtt'/,
    );
  });
});
