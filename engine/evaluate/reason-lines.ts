// A school's Reasons lines, written from its facts without tracing its rules (rule-words.ts): the
// lines explain.ts's reasonsFor makes from the school's rule traces, which are made only when an
// explanation is read. test/unit/reason-lines.test.ts holds the two equal on every row of the examples.
import type { RowResult } from "../results";
import type { Facts } from "./compile-condition";
import type { CompiledRuleset, HeldWords, Outcome } from "./compile-ruleset";
import { additionLines, bandBecause, bandOpening, firstLines, undecidedLine, wordsJoined } from "./explain";

type Reasoned = Pick<RowResult, "band" | "bandLabel" | "ruleBand" | "moderated" | "notCategorised" | "moderation" | "escalation">;
type Kind = keyof CompiledRuleset["rules"];

/**
 * Each rule's opening ("Trigger <label>: ", "Category <id> <label>: ", "Escalation <label>: ") and
 * its lines that name no condition, made once per run. Other lines are the opening and the words
 * joined on: pieces rows share (rule-words.ts), so a line costs a row little more than a pointer.
 */
export interface LineCache {
  openings: Record<Kind, string[]>;
  /** "<opening>no conditions": the rule held, but none of its conditions is to be named. */
  unnamed: Record<Kind, string[]>;
  /** "<opening>no higher category's conditions held": a band without conditions. */
  lowest: string[];
}

export function lineCache(compiled: CompiledRuleset): LineCache {
  const { trigger, band, stage } = compiled.rules;
  const openings = { trigger: trigger.map((t) => `Trigger ${t.label}: `), band: band.map((b) => `Category ${b.id} ${b.label}: `), stage: stage.map((s) => `Escalation ${s.label}: `) };
  const unnamed = (kind: Kind) => openings[kind].map((o) => o + wordsJoined([]));
  return {
    openings,
    unnamed: { trigger: unnamed("trigger"), band: unnamed("band"), stage: unnamed("stage") },
    lowest: openings.band.map((o) => o + bandBecause(0, [])),
  };
}

/** The rule's line for these words (for one condition, a small string of two shared pieces). */
function ruleLine(cache: LineCache, kind: Kind, index: number, words: HeldWords): string {
  const { parts } = words;
  if (parts.length === 1) return cache.openings[kind][index] + parts[0];
  if (!parts.length) return kind === "band" && words.leaves === 0 ? cache.lowest[index] : cache.unnamed[kind][index];
  return cache.openings[kind][index] + wordsJoined(parts);
}

/**
 * The lines, in reasonsFor's order. `onTrigger` is told each fired trigger's words as they are
 * worked out (its supporting leaves give the cells it colours); they are good only during the call.
 */
export function reasonLines(
  compiled: CompiledRuleset,
  outcome: Outcome,
  r: Reasoned,
  ruleBandLabel: string,
  withheld: ReadonlyMap<string, string>,
  cache: LineCache,
  onTrigger: (index: number, words: HeldWords) => void,
): string[] {
  const facts = outcome.facts as Facts;
  const { held } = outcome;
  const lines = scratch;
  lines.length = 0;
  if (r.moderated || r.notCategorised) firstLines(r, ruleBandLabel, lines);
  const band = compiled.rules.band[held.band];
  const bandWords = compiled.heldWords("band", held.band, facts);
  const opening = bandOpening(r);
  // "Rules ..." (moderated, not categorised) is made here; "Category ..." from the run's openings.
  if (opening === "Category " && ruleBandLabel === band.label) lines.push(ruleLine(cache, "band", held.band, bandWords));
  else lines.push([opening, band.id, " ", ruleBandLabel, ": ", bandBecause(bandWords.leaves, bandWords.parts)].join(""));
  for (const i of held.triggers) {
    const words = compiled.heldWords("trigger", i, facts);
    lines.push(ruleLine(cache, "trigger", i, words));
    onTrigger(i, words);
  }
  if (held.stage >= 0) {
    const words = compiled.heldWords("stage", held.stage, facts);
    lines.push(ruleLine(cache, "stage", held.stage, words));
    if (r.escalation?.additions) additionLines(r, lines);
  }
  if (outcome.undecided.length) lines.push(undecidedLine(outcome.undecided, withheld, compiled.sources, compiled.label));
  // Copied out at its length: a list grown by push keeps room for more, and each school keeps its list.
  return lines.slice();
}

/** The lines of the school being written, collected here. */
const scratch: string[] = [];
