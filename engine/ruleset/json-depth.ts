// How deeply a rules file nests, found without recursion: a file nested thousands deep is refused
// here, with the JSON path where it goes too deep, before the JSON reader, the schema or the
// condition walkers (all recursive) could run out of stack on it.
import type { PathPart } from "./json-text";

/** Conditions may nest this deep (all/any/not levels and shared-condition references counted). */
export const MAX_CONDITION_DEPTH = 64;
/**
 * JSON nesting allowed in a rules file: enough for conditions MAX_CONDITION_DEPTH deep (each
 * all/any level is an object and an array) inside a trigger, with room to spare.
 */
export const MAX_JSON_DEPTH = 2 * MAX_CONDITION_DEPTH + 24;

export const tooDeepMessage = (limit = MAX_JSON_DEPTH) =>
  `nested more than ${limit} levels deep here, so the file is not read further (conditions may nest at most ${MAX_CONDITION_DEPTH} deep)`;

interface Frame {
  object: boolean;
  /** The key (object) or index (array) of the member being read. */
  at: PathPart;
  expectingKey: boolean;
}

/**
 * The path and offset of the first object or array opened deeper than `limit` in JSON text, or
 * null. A plain scan (strings skipped, brackets counted): for text that is not JSON the answer may
 * be rough, and the syntax check that follows reports what is wrong.
 */
export function textTooDeep(text: string, limit = MAX_JSON_DEPTH): { path: PathPart[]; offset: number } | null {
  const frames: Frame[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x22 /* " */) {
      let j = i + 1;
      while (j < text.length && text.charCodeAt(j) !== 0x22) j += text.charCodeAt(j) === 0x5c /* \ */ ? 2 : 1;
      const top = frames[frames.length - 1];
      if (top?.object && top.expectingKey) {
        top.at = keyText(text.slice(i, j + 1));
        top.expectingKey = false;
      }
      i = j;
    } else if (ch === 0x7b /* { */ || ch === 0x5b /* [ */) {
      if (frames.length >= limit) return { path: frames.map((f) => f.at), offset: i };
      frames.push({ object: ch === 0x7b, at: ch === 0x7b ? "" : 0, expectingKey: ch === 0x7b });
    } else if (ch === 0x7d /* } */ || ch === 0x5d /* ] */) {
      frames.pop();
    } else if (ch === 0x2c /* , */) {
      const top = frames[frames.length - 1];
      if (top?.object) top.expectingKey = true;
      else if (top) top.at = (top.at as number) + 1;
    }
  }
  return null;
}

function keyText(quoted: string): string {
  try {
    return JSON.parse(quoted) as string;
  } catch {
    return quoted.slice(1, -1);
  }
}

interface Visit {
  value: unknown;
  depth: number;
  parent: Visit | null;
  at: PathPart;
}

const pathOf = (v: Visit): PathPart[] => {
  const parts: PathPart[] = [];
  for (let x: Visit | null = v; x?.parent; x = x.parent) parts.push(x.at);
  return parts.reverse();
};

export interface ValueScan {
  /** Where the value first nests deeper than the limit (a value that contains itself does too). */
  tooDeep: PathPart[] | null;
  /** Paths of keys named __proto__, which JavaScript objects cannot hold as ordinary keys. */
  protoKeys: PathPart[][];
}

/** Walks a parsed value without recursion: its depth, and any __proto__ keys. */
export function scanValue(value: unknown, limit = MAX_JSON_DEPTH): ValueScan {
  const protoKeys: PathPart[][] = [];
  const stack: Visit[] = [{ value, depth: 0, parent: null, at: "" }];
  while (stack.length) {
    const v = stack.pop()!;
    const x = v.value;
    if (typeof x !== "object" || x === null) continue;
    if (v.depth >= limit) return { tooDeep: pathOf(v), protoKeys };
    if (Array.isArray(x)) {
      for (let i = x.length - 1; i >= 0; i--) stack.push({ value: x[i], depth: v.depth + 1, parent: v, at: i });
    } else {
      const keys = Object.keys(x);
      for (let i = keys.length - 1; i >= 0; i--) {
        const child: Visit = { value: (x as Record<string, unknown>)[keys[i]], depth: v.depth + 1, parent: v, at: keys[i] };
        if (keys[i] === "__proto__") protoKeys.push(pathOf(child));
        stack.push(child);
      }
    }
  }
  return { tooDeep: null, protoKeys };
}
