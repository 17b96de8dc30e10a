// Walking json-rules-engine condition trees.
import type { Condition, Leaf } from "./schema";
import type { PathPart } from "./json-text";

export function isLeaf(c: Condition): c is Leaf {
  return "fact" in c;
}

/** Calls visit for every leaf with its JSON path, following nested all/any/not (not shared references). */
export function forEachLeaf(c: Condition, path: PathPart[], visit: (leaf: Leaf, path: PathPart[]) => void): void {
  if (isLeaf(c)) visit(c, path);
  else if ("all" in c) c.all.forEach((x, i) => forEachLeaf(x, [...path, "all", i], visit));
  else if ("any" in c) c.any.forEach((x, i) => forEachLeaf(x, [...path, "any", i], visit));
  else if ("not" in c) forEachLeaf(c.not, [...path, "not"], visit);
}

/** Shared-condition names referenced anywhere in the tree. */
export function forEachReference(c: Condition, path: PathPart[], visit: (name: string, path: PathPart[]) => void): void {
  if ("condition" in c) visit(c.condition, path);
  else if ("all" in c) c.all.forEach((x, i) => forEachReference(x, [...path, "all", i], visit));
  else if ("any" in c) c.any.forEach((x, i) => forEachReference(x, [...path, "any", i], visit));
  else if ("not" in c) forEachReference(c.not, [...path, "not"], visit);
}

export function isFactRef(v: unknown): v is { fact: string } {
  return typeof v === "object" && v !== null && !Array.isArray(v) && "fact" in v;
}
