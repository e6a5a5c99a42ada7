// Entry point of a parse worker thread: registers tsx's TypeScript loader for this thread (a
// worker does not inherit its parent's loader hooks), then runs parse-worker.ts.
import { register } from "tsx/esm/api";

register();
await import("./parse-worker.ts");
