// Plain-text tables for the console: first column left-aligned, the others right-aligned.
export function table(rows: (string | number)[][], indent = "  "): string {
  const cells = rows.map((r) => r.map(String));
  const widths = cells[0].map((_, j) => Math.max(...cells.map((r) => (r[j] ?? "").length)));
  return cells
    .map((r) => indent + r.map((c, j) => (j === 0 ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join("  ").trimEnd())
    .join("\n");
}
