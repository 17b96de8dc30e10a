// Comparing two packages part by part (uncompressed contents).
import { strFromU8, unzipSync } from "fflate";

/** Parts by name, folder entries left out. */
export function partsOf(bytes: Uint8Array): Record<string, Uint8Array> {
  return Object.fromEntries(Object.entries(unzipSync(bytes)).filter(([name]) => !name.endsWith("/")));
}

export const textOf = (bytes: Uint8Array, part: string) => strFromU8(partsOf(bytes)[part]);

const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((v, i) => v === b[i]);

export function packageDiff(before: Uint8Array, after: Uint8Array) {
  const a = partsOf(before);
  const b = partsOf(after);
  return {
    added: Object.keys(b).filter((k) => !(k in a)).sort(),
    removed: Object.keys(a).filter((k) => !(k in b)).sort(),
    changed: Object.keys(a).filter((k) => k in b && !same(a[k], b[k])).sort(),
    unchanged: Object.keys(a).filter((k) => k in b && same(a[k], b[k])).sort(),
  };
}
