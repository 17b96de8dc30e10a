// The words of a watch flag: "Progress 8 −0.45 is 0.05 above the floor of −0.5", in the fact's units
// (62% and 3 points for a percent, days for days since), and the lines and labels results show.
import type { RowResult, WatchHit } from "../results";
import type { MarginUnit } from "../ruleset/margins";

const MINUS = "\u2212";

/** A number as a reason shows it: at most 3 decimals, a true minus sign. */
export function signedNumber(x: number): string {
  const v = Math.round(x * 1000) / 1000;
  return v === 0 ? "0" : `${v < 0 ? MINUS : ""}${Math.abs(v)}`;
}

const valueText = (x: number, unit: MarginUnit) => (unit === "percent" ? `${signedNumber(x)}%` : signedNumber(x));

function distanceText(d: number, unit: MarginUnit): string {
  const n = signedNumber(d);
  const word = unit === "percent" || unit === "points" ? "point" : unit === "days" ? "day" : "";
  return word ? `${n} ${word}${n === "1" ? "" : "s"}` : n;
}

/** "Progress 8 −0.45 is 0.05 above the floor of −0.5"; "is at" when on the threshold itself. */
export function nearText(label: string, actual: number, threshold: number, unit: MarginUnit, of: string): string {
  const d = Math.abs(actual - threshold);
  const where = signedNumber(d) === "0" ? "at" : `${distanceText(d, unit)} ${actual > threshold ? "above" : "below"}`;
  return `${label} ${valueText(actual, unit)} is ${where} ${of} of ${valueText(threshold, unit)}`;
}

/** What the Triggers column says for a watch flag: "Watch: Progress 8 falling". */
export const watchLabel = (w: WatchHit) => `Watch: ${w.label}`;

/** The reason lines of a school's watch flags, as the Reasons column and explanations show them. */
export function watchLines(r: Pick<RowResult, "watch">): string[] {
  return r.watch ? r.watch.map((w) => `Watch ${w.label}: ${w.reason}`) : [];
}
