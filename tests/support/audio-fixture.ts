// A real audio file for the listening tests, written at test time (nothing is downloaded or
// committed): 16-bit mono PCM WAV, one sine tone per segment (a distinct pitch for each turn, so a
// person listening to a test run hears where each turn starts), silence between segments.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { loadLibrary } from "../../src/lib/content/load-library.ts";
import { LISTENING_DIR, LISTENING_SLUG } from "./seed.ts";

export interface ToneSegment {
  /** Seconds from the start of the file. */
  start: number;
  end: number;
  frequency: number;
}

export function toneWav({
  duration,
  segments,
  sampleRate = 8000,
}: {
  duration: number;
  segments: ToneSegment[];
  sampleRate?: number;
}): Buffer {
  const samples = Math.round(duration * sampleRate);
  const data = Buffer.alloc(samples * 2);
  for (const { start, end, frequency } of segments) {
    const from = Math.max(0, Math.round(start * sampleRate));
    const to = Math.min(samples, Math.round(end * sampleRate));
    const fade = Math.min(80, Math.floor((to - from) / 2)); // ~10 ms fades: no clicks at the edges
    for (let i = from; i < to; i++) {
      const envelope = Math.min(1, (i - from) / fade, (to - 1 - i) / fade);
      const value = Math.sin((2 * Math.PI * frequency * (i - from)) / sampleRate) * 0.3 * Math.max(0, envelope);
      data.writeInt16LE(Math.round(value * 32767), i * 2);
    }
  }
  const header = Buffer.alloc(44);
  header.write("RIFF", 0, "ascii");
  header.writeUInt32LE(36 + data.length, 4);
  header.write("WAVE", 8, "ascii");
  header.write("fmt ", 12, "ascii");
  header.writeUInt32LE(16, 16); // fmt chunk size
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28); // byte rate
  header.writeUInt16LE(2, 32); // block align
  header.writeUInt16LE(16, 34); // bits per sample
  header.write("data", 36, "ascii");
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

/**
 * Serves files from memory on loopback with HTTP range requests (206, Content-Range), as podcast
 * hosts do: a media element seeks by asking for the bytes it needs. Port 0 picks a free port.
 */
export function serveFiles(files: Map<string, { body: Buffer; type: string }>, port = 0): Promise<{ server: Server; origin: string }> {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    const file = files.get(path);
    if (!file || (request.method !== "GET" && request.method !== "HEAD")) {
      response.writeHead(file ? 405 : 404).end();
      return;
    }
    const size = file.body.length;
    const headers = { "content-type": file.type, "accept-ranges": "bytes", "cache-control": "no-store" };
    const range = /^bytes=(\d*)-(\d*)$/.exec(request.headers.range ?? "");
    if (!request.headers.range || !range || (range[1] === "" && range[2] === "")) {
      response.writeHead(200, { ...headers, "content-length": size });
      response.end(request.method === "HEAD" ? undefined : file.body);
      return;
    }
    // bytes=a-b, bytes=a- (to the end), bytes=-n (the last n bytes)
    const start = range[1] === "" ? Math.max(0, size - Number(range[2])) : Number(range[1]);
    const end = range[1] === "" || range[2] === "" ? size - 1 : Math.min(size - 1, Number(range[2]));
    if (start >= size || start > end) {
      response.writeHead(416, { ...headers, "content-range": `bytes */${size}` }).end();
      return;
    }
    response.writeHead(206, { ...headers, "content-length": end - start + 1, "content-range": `bytes ${start}-${end}/${size}` });
    response.end(request.method === "HEAD" ? undefined : file.body.subarray(start, end + 1));
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve({ server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
  });
}

/**
 * The listening fixture episode's audio: as long as episode.md says, with each timed turn a tone
 * of its own pitch (200 Hz for the first, 40 Hz higher for each next one) from its start to its end.
 */
export function listeningAudio(): { wav: Buffer; segments: ToneSegment[] } {
  const episode = loadLibrary(LISTENING_DIR).episodes.find((e) => e.slug === LISTENING_SLUG);
  if (!episode?.audio?.duration) throw new Error(`${LISTENING_DIR}: episode ${LISTENING_SLUG} with an audio duration not found`);
  const segments = episode.chapters
    .flatMap((c) => c.turns)
    .filter((t) => t.startMs !== null && t.endMs !== null)
    .map((t, i) => ({ start: t.startMs! / 1000, end: t.endMs! / 1000, frequency: 200 + 40 * i }));
  return { wav: toneWav({ duration: episode.audio.duration, segments }), segments };
}
