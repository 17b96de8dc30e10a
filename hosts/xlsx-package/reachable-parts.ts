// The parts reachable from the package's root through relationships: what a package holds. A part
// that was reachable before a change and is not after it belonged only to what was removed.
import { relsPartOf } from "./part-names";
import type { WorkbookPackage } from "./workbook-package";

/** Every part reachable from the root relationships, as the package's relationships now stand. */
export function reachableParts(pkg: WorkbookPackage): Set<string> {
  const seen = new Set<string>();
  const queue = [""];
  while (queue.length) {
    const part = queue.pop()!;
    for (const r of pkg.relsOf(part).list) {
      if (!r.part || seen.has(r.part.toLowerCase()) || !pkg.has(r.part)) continue;
      seen.add(r.part.toLowerCase());
      queue.push(pkg.entry(r.part)!.name);
    }
  }
  return seen;
}

/**
 * The parts (lower-case names, their .rels included) reached before a change and not after it;
 * their content-type overrides are removed. Parts nothing reached before are left alone.
 */
export function pruneUnreachable(pkg: WorkbookPackage, before: Set<string>): Set<string> {
  const after = reachableParts(pkg);
  const removed = new Set<string>();
  for (const name of before) {
    if (after.has(name)) continue;
    const part = pkg.entry(name)!.name;
    removed.add(name);
    removed.add(relsPartOf(part).toLowerCase());
    pkg.contentTypes.removeOverride(part);
  }
  return removed;
}
