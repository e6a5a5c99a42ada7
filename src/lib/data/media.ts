// Server-only: the origins the library's audio comes from, for the Content-Security-Policy's
// media-src (src/proxy.ts). Read per request, so a re-ingest that adds an episode on a new host
// takes effect at once; kept per database client until its data version (db.ts: SQLite's
// data_version, the PostgreSQL ingest's version) says an ingest has committed, so the usual cost
// is one PRAGMA or one indexed read.
import "server-only";
import { dataVersion, getDb } from "../db";
import { mediaOrigins } from "../listen/media-origins";

type Client = Awaited<ReturnType<typeof getDb>>;
const cached = new WeakMap<Client, { version: string; origins: string[] }>();

export async function audioOrigins(): Promise<string[]> {
  const db = await getDb();
  const version = await dataVersion(db);
  const hit = cached.get(db);
  if (hit && hit.version === version) return hit.origins;
  const rows = await db.$queryRaw<Array<{ audioUrl: string }>>`SELECT DISTINCT "audioUrl" FROM "Episode" WHERE "audioUrl" IS NOT NULL`;
  const origins = mediaOrigins(rows.map((row) => row.audioUrl));
  cached.set(db, { version, origins });
  return origins;
}
