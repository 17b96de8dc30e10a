// `categorise test --coverage`: the coverage of the stored cases as console lines. A percentage per
// section and overall, then each item no case covers, by JSON path and line, saying what case to add.
import type { CaseCoverage, CoveredRule, JsonDocument, LeafCoverage } from "../engine";
import { table } from "./text-table";

/** Whole percent, rounded down: 100% only when everything is covered. */
export const percentText = (p: number) => `${Math.floor(p)}%`;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function coverageLines(c: CaseCoverage, doc: JsonDocument, which: string): string[] {
  const lines = [`Coverage by ${which}:`];
  const rows = c.sections.map((s) => [s.section, percentText(s.percent), `${s.covered} of ${s.total}`]);
  lines.push(table([...rows, ["overall", percentText(c.percent), `${c.covered} of ${c.total}`]]));
  const at = (path: LeafCoverage["path"], where: string) => {
    const place = doc.locate(path);
    return place ? `${where} (line ${place.line})` : where;
  };
  const gaps = c.sections.flatMap((s) => [
    ...s.leaves.filter((l) => l.uncovered.length).map((l) => ({ section: s.section, lines: leafGap(l, at) })),
    ...s.rules.filter((r) => !r.given).map((r) => ({ section: s.section, lines: [`  ${at(r.path, r.where)}: ${ruleGap(r)}`] })),
  ]);
  if (!gaps.length) {
    lines.push("Every comparison is made true and false, and every trigger, band, stage and addition is given, by some case.");
    return lines;
  }
  const leaves = c.sections.reduce((n, s) => n + s.leaves.filter((l) => l.uncovered.length).length, 0);
  const rules = gaps.length - leaves;
  const counts = [leaves ? plural(leaves, "comparison") : "", rules ? plural(rules, "rule") : ""].filter(Boolean).join(" and ");
  lines.push(`Not covered: ${counts} (add a case for each):`);
  for (const s of c.sections) {
    const mine = gaps.filter((g) => g.section === s.section);
    if (!mine.length) continue;
    lines.push(`  ${s.section}`);
    for (const g of mine) lines.push(...g.lines.map((l) => `  ${l}`));
  }
  return lines;
}

function leafGap(l: LeafCoverage, at: (path: LeafCoverage["path"], where: string) => string): string[] {
  const via = l.via ? `, used by ${at(l.via.path, l.via.where)}` : "";
  const head = `  ${at(l.path, l.where)}${via}: ${l.text}${l.negated ? " (under a 'not')" : ""}, in ${l.rule.title}`;
  const missing = l.missingIn ? `; ${plural(l.missingIn, "case")} reached it with its data missing, which counts for neither` : "";
  let why: string;
  if (!l.reached) why = `never reached: ${l.rule.kind === "addition" ? `no case is given stage ${l.rule.id}` : `no case gets as far as ${l.rule.kind} ${l.rule.id}`}`;
  else if (l.uncovered.length === 2) why = `never true, never false${missing}`;
  else if (l.uncovered[0] === "true") why = `never true (false in ${plural(l.falseIn, "case")})${missing}`;
  else why = `never false (true in ${plural(l.trueIn, "case")})${missing}`;
  return [head, `      ${why}`];
}

function ruleGap(r: CoveredRule): string {
  switch (r.kind) {
    case "trigger":
      return `${r.title}: fires for no case`;
    case "band":
    case "stage":
      return `${r.title}: no case is given it${r.reached ? "" : " (no case gets as far as it)"}`;
    case "addition":
      return `${r.title}: applies to no case${r.reached ? "" : ` (no case is given stage ${r.id})`}`;
  }
}
