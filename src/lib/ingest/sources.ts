// Content sources and their hashes: what an incremental ingest compares with the database.
//   episode:<slug>   the folder episodes/<slug>/ (every file's name and bytes)
//   show:<id>, person:<id>, topics   one shared file each
// A folder's stat signature (names, sizes, modification times) is stored beside its hash: when
// it is unchanged the folder is not read again, as git does with its index.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

export const episodeSource = (slug: string) => `episode:${slug}`;

/** The stat signature of an episode folder: cheap to compute, changes when any file does. */
export function folderSignature(dir: string): string {
  return readdirSync(dir)
    .sort()
    .map((name) => {
      const st = statSync(path.join(dir, name), { bigint: true });
      return `${name}:${st.size}:${st.mtimeNs}`;
    })
    .join("|");
}

/** The content hash of an episode folder: every file's name and bytes. */
export function folderHash(dir: string): string {
  const hash = createHash("sha256");
  for (const name of readdirSync(dir).sort()) {
    const abs = path.join(dir, name);
    hash.update(name).update("\0");
    if (statSync(abs).isFile()) hash.update(readFileSync(abs));
    hash.update("\0");
  }
  return hash.digest("hex");
}

/** The shared files (shows, people, topics.md) and their content hashes. */
export function sharedSources(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const hashFile = (abs: string) => createHash("sha256").update(readFileSync(abs)).digest("hex");
  for (const [kind, dir] of [
    ["show", "shows"],
    ["person", "people"],
  ] as const) {
    const abs = path.join(root, dir);
    if (!existsSync(abs)) continue;
    for (const name of readdirSync(abs).sort()) {
      if (!name.endsWith(".md") || name === "README.md") continue;
      out.set(`${kind}:${path.basename(name, ".md")}`, hashFile(path.join(abs, name)));
    }
  }
  const topics = path.join(root, "topics.md");
  if (existsSync(topics)) out.set("topics", hashFile(topics));
  return out;
}
