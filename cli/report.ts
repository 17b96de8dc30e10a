// The --report JSON: ruleset identity, the moderated schools, and per row its band, triggers,
// watch flags, escalation, reasons and warnings (with why a school is not categorised, and an officer's reason).
import { moderatedSchools, type RunResult, type Ruleset } from "../engine";

export function reportJson(result: RunResult, ruleset: Ruleset) {
  return {
    ruleset: result.ruleset,
    sheet: result.sheet,
    asOf: result.asOf,
    warnings: result.warnings,
    moderated: moderatedSchools(result, ruleset),
    rows: result.rows.map((r) => ({
      row: r.row,
      key: r.key,
      name: r.name,
      band: r.band,
      ruleBand: r.ruleBand,
      moderated: r.moderated,
      ...(r.moderation ? { moderation: r.moderation } : {}),
      ...(r.notCategorised ? { notCategorised: r.notCategorised } : {}),
      triggers: r.triggers.map(({ id, label, severity }) => ({ id, label, severity })),
      // Near misses inside a trigger's margin: they change no band or stage.
      watch: (r.watch ?? []).map(({ id, label, reason }) => ({ id, label, reason })),
      escalation: r.escalation ? { stage: r.escalation.stage, label: r.escalation.label, nextAction: r.escalation.nextAction, due: r.escalation.due } : null,
      outputs: r.outputs,
      reasons: r.reasons,
      warnings: r.warnings,
    })),
  };
}

/** Console summary: counts per band, trigger and stage, in columns as wide as the longest label. */
export function summaryText(result: RunResult, bands: { id: string; label: string }[]): string {
  const count = (xs: string[]) => xs.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map<string, number>());
  const byBand = count(result.rows.map((r) => r.band));
  const triggers = [...count(result.rows.flatMap((r) => r.triggers.map((t) => t.label)))].sort((a, b) => b[1] - a[1]);
  const stages = [...count(result.rows.filter((r) => r.escalation).map((r) => r.escalation!.label))].sort((a, b) => b[1] - a[1]);
  const watched = [...count(result.rows.flatMap((r) => (r.watch ?? []).map((w) => w.label)))].sort((a, b) => b[1] - a[1]);
  const bandRows: [string, number][] = bands.map((b) => [`${b.id} ${b.label}`, byBand.get(b.id) ?? 0]);
  const width = Math.max(32, ...[...bandRows, ...triggers, ...watched, ...stages].map(([label]) => label.length + 1));
  const table = (title: string, rows: [string, number][]) => ["", `${title.padEnd(width + 2)}Schools`, ...rows.map(([label, n]) => `  ${label.padEnd(width)}${String(n).padStart(7)}`)];
  const lines = [`${result.ruleset.title} ${result.ruleset.version}: ${result.rows.length} schools on sheet '${result.sheet}' (run date ${result.asOf})`, ...table("Category", bandRows)];
  const moderated = result.rows.filter((r) => r.moderated).length;
  if (moderated) lines.push(`  (${moderated} moderated by officers)`);
  if (triggers.length) lines.push(...table("Triggers", triggers));
  if (watched.length) lines.push(...table("Watch (near misses)", watched));
  if (stages.length) lines.push(...table("Escalation", stages));
  const warned = result.rows.filter((r) => r.warnings.length).length;
  if (warned || result.warnings.length) lines.push("", `Data warnings: ${warned} rows, ${result.warnings.length} sheet-level (details in --report)`);
  return lines.join("\n");
}
