// The Summary sheet: counts per category, per category by district and phase, triggers and stages.
import type { CellStyle, CellValue } from "./workbook";
import type { RunResult } from "./results";
import type { Ruleset } from "./ruleset/schema";
import { laSummaryRows } from "./la-summary";

export const SUMMARY_SHEET = "Categorisation summary";

export function summaryRows(result: RunResult, ruleset: Ruleset): { rows: CellValue[][]; headerRows: number[]; cellStyles: { row: number; column: number; style: CellStyle }[] } {
  const rows = result.rows;
  const bands = ruleset.bands.map((b) => b.id);
  const count = <T>(items: T[], pick: (x: T) => string) =>
    items.reduce((m, x) => m.set(pick(x), (m.get(pick(x)) ?? 0) + 1), new Map<string, number>());
  const pct = (n: number) => (rows.length ? Math.round((1000 * n) / rows.length) / 10 : 0);

  const out: CellValue[][] = [
    [SUMMARY_SHEET],
    [`${ruleset.title} (${ruleset.id} ${ruleset.version}); sheet '${result.sheet}'; run date ${result.asOf}; ${rows.length} schools`],
  ];
  const headerRows: number[] = [0];
  const table = (header: CellValue[]) => {
    out.push([]);
    headerRows.push(out.length);
    out.push(header);
  };
  table(["Category", "Label", "Schools", "% of schools", "Moderated by officer"]);
  const byBand = count(rows, (r) => r.band);
  const moderated = count(rows.filter((r) => r.moderated), (r) => r.band);
  for (const b of ruleset.bands) out.push([b.id, b.label, byBand.get(b.id) ?? 0, pct(byBand.get(b.id) ?? 0), moderated.get(b.id) ?? 0]);
  out.push(["Total", "", rows.length, rows.length ? 100 : 0, rows.filter((r) => r.moderated).length]);

  for (const fieldId of ruleset.summaryBy ?? []) {
    const label = ruleset.fields.find((f) => f.id === fieldId)!.label;
    table([label, ...bands, "Total"]);
    const groups = new Map<string, Map<string, number>>();
    for (const r of rows) {
      const g = r.facts[fieldId] === null || r.facts[fieldId] === undefined ? "(blank)" : String(r.facts[fieldId]);
      if (!groups.has(g)) groups.set(g, new Map());
      groups.get(g)!.set(r.band, (groups.get(g)!.get(r.band) ?? 0) + 1);
    }
    for (const g of [...groups.keys()].sort()) {
      const m = groups.get(g)!;
      out.push([g, ...bands.map((b) => m.get(b) ?? 0), [...m.values()].reduce((a, b) => a + b, 0)]);
    }
  }

  table(["Trigger", "Severity", "Schools"]);
  const fired = count(rows.flatMap((r) => r.triggers), (t) => t.id);
  for (const t of ruleset.triggers) out.push([t.label, t.severity, fired.get(t.id) ?? 0]);

  if (ruleset.escalation?.length) {
    table(["Escalation stage", "Schools"]);
    const staged = count(rows.filter((r) => r.escalation), (r) => r.escalation!.stage);
    for (const s of ruleset.escalation) out.push([s.label, staged.get(s.id) ?? 0]);
  }
  const la = laSummaryRows(result, ruleset, out.length);
  out.push(...la.rows);
  headerRows.push(...la.headerRows);
  const warned = rows.filter((r) => r.warnings.length).length;
  if (warned || result.warnings.length) out.push([], [`Data warnings: ${warned} rows; ${result.warnings.length} sheet-level (see the report)`]);
  return { rows: out, headerRows, cellStyles: la.cellStyles };
}
