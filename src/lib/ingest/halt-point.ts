// Named moments of an ingest at which a test can stop it, to kill it exactly there
// (tests/integration/ingest.test.ts): with PODCAST_KB_INGEST_HALT_AT=<name> in its environment, the
// ingest prints "ingest halted at <name>" on stderr when it reaches that moment and blocks until
// it is killed. Without the variable a halt point costs one comparison.
import { writeSync } from "node:fs";

export type HaltPoint =
  | "full:writing" // a full ingest has written some rows into its new file
  | "full:built" // the new file is complete, not yet renamed over the live one
  | "incremental:copied" // the live file has been copied, no delta applied yet
  | "incremental:applying" // inside the delta: changed episodes deleted from the copy, not yet written again
  | "incremental:applied" // the delta is committed to the copy, not yet fsync'ed and renamed
  | "incremental:renamed"; // the copy has replaced the live file

export function haltPoint(name: HaltPoint): void {
  if (process.env.PODCAST_KB_INGEST_HALT_AT !== name) return;
  writeSync(2, `ingest halted at ${name}\n`);
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
}
