// "Did you mean ...?" for the command line: the nearest of a few names by edit distance. The engine
// has its own for rulesets, behind its door; this one serves commands, options and bundled rulesets.

/** Levenshtein distance, case-insensitive, with a swap of two neighbouring letters counted as one edit. */
export function editDistance(a: string, b: string): number {
  a = a.toLowerCase();
  b = b.toLowerCase();
  const rows = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      rows[i][j] = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) rows[i][j] = Math.min(rows[i][j], rows[i - 2][j - 2] + 1);
    }
  }
  return rows[a.length][b.length];
}

/**
 * The candidate nearest to `name`, if it is near enough to be what was meant: at most a third of the
 * name's letters wrong (at least one, at most three), or the name is the start of exactly one candidate.
 */
export function nearest(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(name, c);
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  const allowed = Math.min(3, Math.max(1, Math.floor(name.length / 3)));
  if (best !== undefined && bestDistance <= allowed) return best;
  const starting = candidates.filter((c) => name.length >= 2 && c.toLowerCase().startsWith(name.toLowerCase()));
  return starting.length === 1 ? starting[0] : undefined;
}
