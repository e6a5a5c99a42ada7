// Episode folders -> validated rows, in this thread or in parse workers (parse-worker.ts).
import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { ProblemList, type ContentProblem } from "../content/content-error.ts";
import { episodeContext, loadEpisodeFolder, type SharedContent } from "../content/load-library.ts";
import { compileTopicMatcher } from "../content/topic-tagging.ts";
import { deriveEpisodeRows, type EpisodeRows } from "./episode-rows.ts";
import { folderHash, folderSignature } from "./sources.ts";

export interface ParseSetup {
  root: string;
  shared: SharedContent;
}

export interface ParseJob {
  id: number;
  slugs: string[];
}

export interface ParsedEpisode {
  slug: string;
  /** Null when the folder did not validate (its problems say why). */
  rows: EpisodeRows | null;
  problems: ContentProblem[];
  /** Every quote id the folder uses, where (for the check across episodes). */
  quoteRefs: Array<{ id: string; file: string; line: number }>;
  hash: string;
  signature: string;
}

export function* parseEpisodes(setup: ParseSetup, job: ParseJob): Generator<ParsedEpisode> {
  const tagTopics = compileTopicMatcher(setup.shared.topics);
  for (const slug of job.slugs) {
    const dir = path.join(setup.root, "episodes", slug);
    const signature = folderSignature(dir);
    const hash = folderHash(dir);
    const problems = new ProblemList();
    const known = episodeContext(setup.shared);
    known.quoteRefs = [];
    const episode = loadEpisodeFolder(setup.root, slug, known, problems);
    const rows = episode && problems.problems.length === 0 ? deriveEpisodeRows(episode, tagTopics) : null;
    yield { slug, rows, problems: problems.problems, quoteRefs: known.quoteRefs, hash, signature };
  }
}

const JOB_SIZE = 4;
/** Episodes parsed but not yet consumed, at most: bounds memory when writing is the slower side. */
const MAX_AHEAD = 64;

/**
 * Parses `slugs` and hands each result to `consume` (in completion order, not slug order).
 * With workers > 0 the parsing runs in that many worker threads while `consume` runs here. An
 * asynchronous `consume` (a database written over the network) gets one result at a time, and a
 * result counts as consumed, for MAX_AHEAD, when its promise settles.
 */
export async function parseAll(
  setup: ParseSetup,
  slugs: string[],
  workers: number,
  consume: (result: ParsedEpisode) => void | Promise<void>,
): Promise<void> {
  if (workers <= 0 || slugs.length === 0) {
    for (const result of parseEpisodes(setup, { id: 0, slugs })) {
      const pending = consume(result);
      if (pending) await pending;
    }
    return;
  }
  let next = 0;
  let ahead = 0; // sent to a worker and not consumed yet
  let failed: Error | null = null;
  const pool = Array.from(
    { length: Math.min(workers, Math.ceil(slugs.length / JOB_SIZE)) },
    () =>
      new Worker(new URL("./parse-worker.mjs", import.meta.url), {
        workerData: setup,
        execArgv: workerExecArgv(),
        // Parsing Markdown allocates many short-lived objects: a larger young generation saves ~20% of its CPU in GC.
        resourceLimits: { maxYoungGenerationSizeMb: 64 },
      }),
  );
  const idle: Worker[] = [];
  /** Asynchronous consumers: the results not yet consumed, in arrival order. */
  let queue: Promise<void> = Promise.resolve();
  await new Promise<void>((resolve, reject) => {
    let running = pool.length;
    let consuming = 0;
    const dispatch = () => {
      while (idle.length > 0 && next < slugs.length && ahead < MAX_AHEAD) {
        const worker = idle.pop()!;
        const batch = slugs.slice(next, next + JOB_SIZE);
        next += batch.length;
        ahead += batch.length;
        worker.postMessage({ id: next, slugs: batch } satisfies ParseJob);
      }
      if (next >= slugs.length) {
        while (idle.length > 0) {
          void idle.pop()!.terminate();
          running -= 1;
        }
        if (running === 0 && consuming === 0) {
          if (failed) reject(failed);
          else resolve();
        }
      }
    };
    for (const worker of pool) {
      worker.on("message", (message: ParsedEpisode | { done: number }) => {
        if ("done" in message) {
          idle.push(worker);
        } else {
          const fail = (error: unknown) => {
            failed ??= error as Error;
            next = slugs.length;
          };
          try {
            const pending = failed ? undefined : consume(message);
            if (pending) {
              consuming += 1;
              queue = queue
                .then(() => pending)
                .catch(fail)
                .finally(() => {
                  consuming -= 1;
                  ahead -= 1;
                  dispatch();
                });
              return;
            }
          } catch (error) {
            fail(error);
          }
          ahead -= 1;
        }
        dispatch();
      });
      worker.on("error", (error) => {
        failed = error;
        next = slugs.length;
        running -= 1;
        for (const w of pool) void w.terminate();
        reject(error);
      });
      idle.push(worker);
    }
    dispatch();
  });
}

/** The worker's Node options: none of the parent's loaders (parse-worker.mjs registers its own). */
function workerExecArgv(): string[] {
  return process.execArgv.filter((arg) => arg.startsWith("--cpu-prof") || arg.startsWith("--max-semi-space"));
}

/** Parse workers worth starting for `episodes` episodes on this machine. */
export function defaultWorkers(episodes: number): number {
  return episodes >= 32 ? Math.max(1, os.availableParallelism()) : 0;
}
