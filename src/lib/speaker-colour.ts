// A person's colour, the same on every page: a hue derived from their id (FNV-1a hash).
export function speakerHue(personId: string): number {
  let hash = 0x811c9dc5;
  for (const char of personId) {
    hash ^= char.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % 360;
}

export function speakerInitial(name: string): string {
  return [...name.trim()][0]?.toUpperCase() ?? "?";
}
