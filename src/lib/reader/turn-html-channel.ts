// Turn bodies beside the RSC payload, not in it (issue 12; docs/decisions.md, "Turn bodies outside
// the RSC payload"). A turn's body is stored, sanitised HTML. Rendered by a server component it
// would travel twice in the reader's HTML response: once as HTML and once inside the inline RSC
// payload (self.__next_f) that the browser hydrates from. For a document request the reader puts
// each body into a channel instead and renders the client leaf <TurnHtml channel entry>: the
// server-side rendering of that leaf, in the same process and a moment later, takes the body out of
// the channel and writes it as HTML; the RSC payload carries only the channel's id and the entry's
// number, and hydration keeps the server's DOM. RSC requests (soft navigation, prefetch, refresh)
// have no server-side rendering: their bodies travel in the payload as props (no channel).
// Shared by the server (open, put) and the leaf (take, during server-side rendering only).

const REGISTRY = Symbol.for("podcast-kb.turn-html-channels");
/** Entries not taken by then (a rendering that failed or was aborted) are dropped. */
const FORGET_AFTER_MS = 60_000;

interface Entries {
  bodies: Map<number, string>;
  /** Called by the server-side rendering when it has rendered the page's first view. */
  firstView: () => void;
}
type Registry = Map<string, Entries>;

function registry(): Registry {
  const holder = globalThis as { [REGISTRY]?: Registry };
  return (holder[REGISTRY] ??= new Map());
}

export interface TurnHtmlChannel {
  id: string;
  /** Keeps a body for the server-side rendering; the entry's number goes to <TurnHtml>. */
  put(html: string): number;
  /**
   * Settles when the server-side rendering has rendered the page's first view (<FirstViewMark>),
   * so that streamed chapters render after it is written, not in between.
   */
  firstView: Promise<void>;
}

/** A channel for one document request (server components). */
export function openTurnHtmlChannel(): TurnHtmlChannel {
  const id = globalThis.crypto.randomUUID();
  const bodies = new Map<number, string>();
  let firstView = () => {};
  const rendered = new Promise<void>((resolve) => (firstView = resolve));
  registry().set(id, { bodies, firstView });
  setTimeout(() => registry().delete(id), FORGET_AFTER_MS).unref();
  let last = 0;
  return {
    id,
    put(html) {
      bodies.set(++last, html);
      return last;
    },
    firstView: rendered,
  };
}

/** A body put into a channel, taken out once (during server-side rendering; undefined elsewhere). */
export function takeTurnHtml(id: string, entry: number): string | undefined {
  if (typeof window !== "undefined") return undefined;
  const bodies = registry().get(id)?.bodies;
  const html = bodies?.get(entry);
  bodies?.delete(entry);
  return html;
}

/** The server-side rendering has rendered the first view (during server-side rendering only). */
export function signalFirstView(id: string): void {
  if (typeof window !== "undefined") return;
  registry().get(id)?.firstView();
}
