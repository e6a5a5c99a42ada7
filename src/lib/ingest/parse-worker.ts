// A parse worker: reads and validates episode folders and derives their rows (episode-rows.ts),
// so that parsing Markdown (most of an ingest's CPU time) runs beside the thread that writes.
import { parentPort, workerData } from "node:worker_threads";
import { parseEpisodes, type ParseJob, type ParseSetup } from "./parse-episodes.ts";

const setup = workerData as ParseSetup;
parentPort!.on("message", (job: ParseJob) => {
  for (const result of parseEpisodes(setup, job)) parentPort!.postMessage(result);
  parentPort!.postMessage({ done: job.id });
});
