// Server-only: the origins the library's audio comes from, for the Content-Security-Policy's
// media-src (src/proxy.ts). Read per request, so a re-ingest that adds an episode on a new host
// takes effect at once; kept per database connection until SQLite's data_version says another
// connection (an incremental ingest) has committed, so the usual cost is one PRAGMA.
import "server-only";
import { getDb } from "../db";
import { mediaOrigins } from "../listen/media-origins";

type Client = Awaited<ReturnType<typeof getDb>>;
const cached = new WeakMap<Client, { version: number; origins: string[] }>();

export async function audioOrigins(): Promise<string[]> {
  const db = await getDb();
  const [pragma] = await db.$queryRawUnsafe<Array<{ data_version: number | bigint }>>("PRAGMA data_version");
  const version = Number(pragma?.data_version);
  const hit = cached.get(db);
  if (hit && hit.version === version) return hit.origins;
  const rows = await db.$queryRaw<Array<{ audioUrl: string }>>`SELECT DISTINCT audioUrl FROM Episode WHERE audioUrl IS NOT NULL`;
  const origins = mediaOrigins(rows.map((row) => row.audioUrl));
  cached.set(db, { version, origins });
  return origins;
}
