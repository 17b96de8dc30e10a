// Generated Staffordshire-style school rows (seeded, so every run sees the same data) for the
// benchmark and for equivalence tests over many varied rows.
import type { CellValue } from "../engine";

function prng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s ^ (s >>> 15), 2246822507) + 0x6d2b79f5) >>> 0) / 2 ** 32);
}

export const SYNTHETIC_HEADERS = [
  "URN", "School name", "District", "Phase", "Type", "Pupils", "Ofsted grade", "Category of concern", "Inspection date",
  "Previous Ofsted grade", "KS2 RWM expected %", "KS2 RWM expected % (previous year)", "KS2 reading progress",
  "KS2 writing progress", "KS2 maths progress", "Progress 8", "Progress 8 (previous year)", "P8 upper CI",
  "Overall absence %", "Overall absence % (previous year)", "Persistent absence %", "Fixed-term exclusions",
  "Safeguarding concern", "Complaints", "Budget balance £", "Officer category",
];

export function syntheticSchools(n: number, seed = 42) {
  const rnd = prng(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const num = (lo: number, hi: number, dp = 1) => Math.round((lo + rnd() * (hi - lo)) * 10 ** dp) / 10 ** dp;
  const maybe = (v: CellValue, markers = ["SUPP", "NE", "x", ""]): CellValue => (rnd() < 0.05 ? pick(markers) : v);
  const schools: CellValue[][] = [];
  const meetings: CellValue[][] = [];
  const notices: CellValue[][] = [];
  for (let i = 0; i < n; i++) {
    const urn = 100000 + i;
    const secondary = rnd() < 0.2;
    const grade = pick([1, 1, 2, 2, 2, 2, 2, 2, 3, 3, 4]);
    const words = ["Outstanding", "Good", "Requires improvement", "Inadequate"];
    const academy = rnd() < 0.4;
    const rwm = num(35, 90);
    const p8 = num(-1.2, 0.9, 2);
    const absence = num(3, 8);
    schools.push([
      urn, `School ${urn}`, pick(["Cannock Chase", "East Staffordshire", "Lichfield", "Stafford", "Tamworth"]),
      secondary ? "Secondary" : "Primary", academy ? "Academy converter" : pick(["Community school", "Voluntary aided school"]),
      Math.floor(num(40, 1500, 0)), rnd() < 0.5 ? words[grade - 1] : grade, grade === 4 ? pick(["Serious weaknesses", "Special measures"]) : null,
      new Date(Date.UTC(2012 + Math.floor(rnd() * 8), Math.floor(rnd() * 12), 1 + Math.floor(rnd() * 28))), pick([1, 2, 2, 3]),
      secondary ? null : maybe(rwm), secondary ? null : maybe(num(rwm - 12, rwm + 12)), secondary ? null : maybe(num(-8, 5)),
      secondary ? null : maybe(num(-9, 5)), secondary ? null : maybe(num(-8, 5)),
      secondary ? maybe(p8) : null, secondary ? maybe(num(p8 - 0.5, p8 + 0.5, 2)) : null, secondary ? maybe(num(p8 + 0.1, p8 + 0.5, 2)) : null,
      maybe(absence), num(absence - 1.5, absence + 1), maybe(num(5, 25)), Math.floor(num(0, 60, 0)),
      rnd() < 0.03 ? "Yes" : "No", Math.floor(num(0, 7, 0)), Math.round(num(-100000, 250000, 0)), rnd() < 0.02 ? pick(["A", "B", "C", "D"]) : null,
    ]);
    if (grade >= 3 && !academy) {
      for (let m = 0; m < 1 + Math.floor(rnd() * 4); m++) {
        meetings.push([urn, new Date(Date.UTC(2025, 8 + m * 2, 10)), rnd() < 0.5 ? "Yes" : "No"]);
      }
      if (rnd() < 0.2) notices.push([urn, pick(["Notice of Concern", "Warning notice (s60)"]), new Date(Date.UTC(2026, Math.floor(rnd() * 10), 5)), pick([null, "Sufficient improvement", "Insufficient improvement"])]);
    }
  }
  return {
    Schools: { headers: SYNTHETIC_HEADERS, rows: schools },
    "Core group meetings": { headers: ["URN", "Meeting date", "Evidence of impact"], rows: meetings },
    Notices: { headers: ["URN", "Notice", "Date issued", "Review outcome"], rows: notices },
  };
}
