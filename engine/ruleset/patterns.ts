// Text patterns (the `matches` operator and derived fact) run on RE2 (re2js), whose matching time
// grows with the length of the text only: a pattern such as ^(a+)+$ cannot make a run hang, as it
// can with JavaScript's own RegExp. RE2 has no backreferences or lookaround; a pattern that uses
// them, or is not a pattern at all, is refused when the ruleset is read, with the reason.
import { RE2JS } from "re2js";

/** The flags a derived `matches` fact may give, and what each means to RE2. */
const FLAG_BITS: Record<string, number> = {
  i: RE2JS.CASE_INSENSITIVE,
  m: RE2JS.MULTILINE,
  s: RE2JS.DOTALL,
  u: 0, // RE2 always reads patterns and text as Unicode
};

/** JavaScript's \s: RE2's (tab, line feed, form feed, return, space) lacks \v, no-break and other Unicode spaces. */
const SPACE = "\\t\\n\\x0B\\f\\r\\p{Z}\\x{FEFF}";

/**
 * The pattern with \s and \S meaning what they mean in JavaScript, so that text holding a
 * no-break space (often pasted into Excel) matches as it did before patterns ran on RE2.
 * (\S inside [...] keeps RE2's meaning.)
 */
export function withJavaScriptSpaces(pattern: string): string {
  let out = "";
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === "\\" && i + 1 < pattern.length) {
      const next = pattern[i + 1];
      if (next === "Q") {
        const end = pattern.indexOf("\\E", i + 2);
        const stop = end < 0 ? pattern.length : end + 2;
        out += pattern.slice(i, stop);
        i = stop - 1;
        continue;
      }
      out += next === "s" ? (inClass ? SPACE : `[${SPACE}]`) : next === "S" && !inClass ? `[^${SPACE}]` : ch + next;
      i++;
      continue;
    }
    if (ch === "[" && !inClass) {
      inClass = true;
      out += ch;
      // A ] straight after [ or [^ is a character of the class, not its end.
      if (pattern[i + 1] === "^") out += pattern[++i];
      if (pattern[i + 1] === "]") out += pattern[++i];
      continue;
    }
    if (ch === "]" && inClass) inClass = false;
    out += ch;
  }
  return out;
}

/** The `matches` operator ignores case. */
export const OPERATOR_FLAGS = "i";
/** A derived `matches` fact without flags ignores case. */
export const DEFAULT_FLAGS = "i";

/** Why the flags cannot be used, or null. */
export function flagsProblem(flags: string): string | null {
  const bad = [...new Set(flags)].filter((f) => !Object.hasOwn(FLAG_BITS, f));
  if (!bad.length) return null;
  return `flag${bad.length > 1 ? "s" : ""} ${bad.map((f) => `'${f}'`).join(", ")} cannot be used: flags may be i (ignore case), m (^ and $ at each line), s (. matches line breaks) and u`;
}

/** Why RE2 cannot run the pattern, in words for the ruleset's author. */
function explain(pattern: string, error: unknown): string {
  const linear = "patterns must match in time proportional to the text, so RE2 syntax is used";
  if (/\(\?<?[=!]/.test(pattern)) return `uses lookahead or lookbehind ((?=, (?!, (?<=, (?<!), which is not supported: ${linear}`;
  if (/\\[1-9]|\\k</.test(pattern)) return `uses a backreference (\\1, \\k<name>), which is not supported: ${linear}`;
  const said = (error instanceof Error ? error.message : String(error)).replace(/^error parsing regexp:\s*/, "");
  const hint = said.includes("`\\u") ? " (write a character by its code as \\x{00e9})" : "";
  return `is not a valid regular expression: ${said}${hint}`;
}

/** A compiled pattern, or why there is none. */
type Compiled = RE2JS | { problem: string };

const cache = new Map<string, Compiled>();
/** Patterns kept compiled; a run sees a handful, but patterns taken from data could be many. */
const CACHE_LIMIT = 1000;

/** Compiled once per pattern and flags, however many rows and conditions use it. */
function compiled(pattern: string, flags: string): Compiled {
  const key = `${flags}/${pattern}`;
  let re = cache.get(key);
  if (re === undefined) {
    const problem = flagsProblem(flags);
    if (problem) re = { problem };
    else {
      let bits = 0;
      for (const f of flags) bits |= FLAG_BITS[f];
      try {
        re = RE2JS.compile(withJavaScriptSpaces(pattern), bits);
      } catch (e) {
        // The reason as RE2 gives it for the pattern as written, not as rewritten for \s.
        let said = e;
        try {
          RE2JS.compile(pattern, bits);
        } catch (original) {
          said = original;
        }
        re = { problem: `the pattern ${JSON.stringify(pattern)} ${explain(pattern, said)}` };
      }
    }
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, re);
  }
  return re;
}

/** Whether the pattern is found in the text; a SyntaxError saying why for a pattern RE2 cannot run. */
export function patternFound(pattern: string, flags: string, text: string): boolean {
  const re = compiled(pattern, flags);
  if (!(re instanceof RE2JS)) throw new SyntaxError(re.problem);
  return re.test(text);
}

/** Why the pattern cannot be used with these flags, or null. */
export function patternProblem(pattern: string, flags: string): string | null {
  const re = compiled(pattern, flags);
  return re instanceof RE2JS ? null : re.problem;
}
