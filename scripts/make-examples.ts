// Builds the two example workbooks in examples/ from the public DfE/Ofsted data in data/source.
// Real columns are copied as published; the rest is invented with a seeded PRNG, so every run
// gives the same cell values (no Math.random, no dependence on today's date).
//
//   npx tsx scripts/make-examples.ts [--data DIR] [--out DIR]      (npm run examples)
//
// Deliberately bad cells in staffordshire-schools.xlsx (for validation demos), see BAD_CELLS:
//   124034 Pupils "n/a" | 124059 Overall absence % "ninety" | 124098 FSM % "c. 20"
//   124119 Inspection date "31/02/2018" (text, no such date) | 124392 Progress 8 "-0.4O" (letter O)
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { option } from "./script-option";

type Cell = string | number | Date | null;
type Row = Record<string, Cell>;

export const STAFFS_HEADERS = [
  "URN", "LAESTAB", "School name", "District", "Phase", "Type", "Pupils", "FSM %", "Ofsted grade",
  "Category of concern", "Inspection date", "Leadership and management", "Previous Ofsted grade",
  "KS2 RWM expected %", "KS2 RWM expected % (previous year)", "KS2 reading progress", "KS2 writing progress",
  "KS2 maths progress", "Progress 8", "Progress 8 (previous year)", "P8 upper CI", "Attainment 8",
  "Overall absence %", "Overall absence % (previous year)", "Persistent absence %", "Fixed-term exclusions",
  "Safeguarding concern", "Complaints", "Budget balance £", "Officer category", "Officer notes",
];
export const MEETING_HEADERS = ["URN", "School name", "Meeting date", "Evidence of impact", "Notes"];
export const NOTICE_HEADERS = ["URN", "School name", "Notice", "Date issued", "Review date", "Review outcome"];
export const WARKS_HEADERS = [
  "URN", "LAESTAB", "School name", "Phase", "Type", "Academy", "Pupils", "IDACI quintile", "Overall effectiveness",
  "Inspection date", "Previous overall effectiveness", "Previous inspection date", "Leadership and management",
  "Category of concern", "Headline attainment 2018", "Headline attainment 2019", "Trend",
  "Pupils eligible for funding", "Officer category",
];

const BAD_CELLS: { urn: number; header: string; value: string }[] = [
  { urn: 124034, header: "Pupils", value: "n/a" },
  { urn: 124059, header: "Overall absence %", value: "ninety" },
  { urn: 124098, header: "FSM %", value: "c. 20" },
  { urn: 124119, header: "Inspection date", value: "31/02/2018" },
  { urn: 124392, header: "Progress 8", value: "-0.4O" },
];

// ---------- seeded randomness ----------

function hash(s: string): number {
  let h = 2166136261; // FNV-1a
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** mulberry32 PRNG seeded from a string, with a few helpers. */
function rng(seed: string) {
  let a = hash(seed);
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p: number) => next() < p,
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
    normal: () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next()),
    shuffle<T>(xs: T[]): T[] {
      const out = [...xs];
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [out[i], out[j]] = [out[j], out[i]];
      }
      return out;
    },
  };
}
type Rng = ReturnType<typeof rng>;

// ---------- small helpers ----------

const round = (x: number, dp: number) => Math.round(x * 10 ** dp) / 10 ** dp;
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
const addDays = (d: Date, n: number) => new Date(d.getTime() + n * 86_400_000);
const isNum = (s: string) => /^-?\d+(\.\d+)?$/.test(s);

/** Published value: a number, null for blank/NA, otherwise the marker text itself (SUPP, NE, x...). */
function published(s: string | undefined): Cell {
  if (s === undefined || s === "" || s === "NA" || s === "NULL") return null;
  return isNum(s) ? Number(s) : s;
}

/** Moves a Saturday back to Friday and a Sunday on to Monday. */
function weekday(d: Date): Date {
  const day = d.getUTCDay();
  return day === 6 ? addDays(d, -1) : day === 0 ? addDays(d, 1) : d;
}

/** A random weekday in [from, to], avoiding August and Christmas where the range allows. */
function randomDate(r: Rng, from: Date, to: Date): Date {
  const days = Math.round((to.getTime() - from.getTime()) / 86_400_000);
  const holiday = (d: Date) => d.getUTCMonth() === 7 || (d.getUTCMonth() === 11 && d.getUTCDate() > 19) || (d.getUTCMonth() === 0 && d.getUTCDate() < 4);
  let d = weekday(addDays(from, r.int(0, days)));
  for (let tries = 0; holiday(d) && tries < 10; tries++) d = weekday(addDays(from, r.int(0, days)));
  return d;
}

function isoDate(s: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return m ? utc(+m[1], +m[2], +m[3]) : null;
}

/** Minimal CSV reader (quoted fields may hold commas). */
function readCsv(file: string): Record<string, string>[] {
  const lines = fs.readFileSync(file, "utf8").split(/\r?\n/).filter((l) => l.trim() !== "");
  const split = (line: string) => {
    const cells: string[] = [];
    let cur = "";
    let quoted = false;
    for (const ch of line) {
      if (ch === '"') quoted = !quoted;
      else if (ch === "," && !quoted) {
        cells.push(cur);
        cur = "";
      } else cur += ch;
    }
    cells.push(cur);
    return cells;
  };
  const head = split(lines[0]);
  return lines.slice(1).map((l) => {
    const cells = split(l);
    return Object.fromEntries(head.map((h, i) => [h, cells[i] ?? ""]));
  });
}

const GRADE_WORDS = ["", "Outstanding", "Good", "Requires improvement", "Inadequate"];

// ---------- Staffordshire ----------

const PLACES: Record<string, string[]> = {
  "Cannock Chase": ["Cannock", "Hednesford", "Rugeley", "Chadsmoor", "Heath Hayes", "Norton Canes", "Bridgtown", "Brereton", "Pye Green", "Cannock Wood"],
  "East Staffordshire": ["Burton", "Uttoxeter", "Barton-under-Needwood", "Tutbury", "Rolleston on Dove", "Stretton", "Horninglow", "Winshill", "Rocester", "Stapenhill", "Anslow"],
  Lichfield: ["Lichfield", "Burntwood", "Chase Terrace", "Fazeley", "Shenstone", "Alrewas", "Whittington", "Armitage", "Fradley", "Boley Park", "Chasetown"],
  "Newcastle-under-Lyme": ["Newcastle", "Kidsgrove", "Audley", "Madeley", "Silverdale", "Wolstanton", "Chesterton", "Knutton", "Talke", "Clayton", "Porthill", "Loggerheads"],
  "South Staffordshire": ["Codsall", "Wombourne", "Penkridge", "Perton", "Brewood", "Cheslyn Hay", "Great Wyrley", "Kinver", "Essington", "Featherstone", "Pattingham", "Bilbrook"],
  Stafford: ["Stafford", "Stone", "Eccleshall", "Gnosall", "Weeping Cross", "Baswich", "Rising Brook", "Haughton", "Hixon", "Barlaston", "Tittensor", "Doxey"],
  "Staffordshire Moorlands": ["Leek", "Biddulph", "Cheadle", "Werrington", "Ipstones", "Alton", "Kingsley", "Blythe Bridge", "Endon", "Tean", "Cheddleton", "Waterhouses"],
  Tamworth: ["Tamworth", "Glascote", "Wilnecote", "Amington", "Belgrave", "Two Gates", "Kettlebrook", "Stonydelph", "Dosthill", "Bolehall"],
};
const DISTRICTS = Object.keys(PLACES);

/** Districts of the real secondary and special schools named in the KS4 file. */
const REAL_DISTRICT: Record<string, number[]> = {
  "Cannock Chase": [137384, 124468, 137100, 124508, 142313, 124395, 137164],
  "East Staffordshire": [124449, 146235, 136414, 146070, 139234, 145889, 136323, 142170, 124392, 124391, 144002],
  Lichfield: [143899, 136886, 124422, 124408, 124521, 142094],
  "Newcastle-under-Lyme": [141448, 140470, 142278, 141449, 146635, 140154, 142277, 140802, 145047, 142015],
  "South Staffordshire": [124400, 144988, 141342, 141343, 138351, 144209, 145381, 141700],
  Stafford: [140123, 142193, 124445, 142983, 124467, 140997, 142987, 137553],
  "Staffordshire Moorlands": [137356, 124396, 136959, 124401, 142711, 143346, 124399, 138729, 142755],
  Tamworth: [136136, 137146, 138728, 138435, 124513, 138936],
};

const C_OF_E = ["St Mary's", "St Peter's", "St John's", "St Michael's", "St Paul's", "St Luke's", "Christ Church", "Holy Trinity", "St Chad's", "All Saints", "St Leonard's", "St Editha's"];
const CATHOLIC = ["St Joseph's", "St Mary's", "St Patrick's", "Our Lady's", "St Austin's", "St Dominic's", "St Bernadette's", "Holy Rosary", "St Gabriel's", "St Thomas More"];

const PHASES: Record<string, string> = {
  "State-funded primary": "Primary",
  "State-funded secondary": "Secondary",
  "State-funded special school": "Special",
  "State-funded nursery": "Nursery",
  "Pupil referral unit": "PRU/Alternative provision",
};

const NFTYPE_TYPES: Record<string, string> = {
  AC: "Academy sponsor led", ACS: "Academy sponsor led", ACC: "Academy converter", ACCS: "Academy converter",
  F: "Free school", UTC: "Free school", FD: "Foundation school", VA: "Voluntary aided school",
  VC: "Voluntary controlled school", CY: "Community school", CYS: "Community school",
};

/** Type from the KS4 file where present, else from the URN range (academies have new URNs) and ESTAB number. */
function schoolType(r: Rng, urn: number, estab: number, nftype: string | undefined): string {
  if (nftype && NFTYPE_TYPES[nftype]) return NFTYPE_TYPES[nftype];
  if (urn >= 135000) {
    const x = r.next();
    return x < 0.04 ? "Free school" : x < 0.78 ? "Academy converter" : "Academy sponsor led";
  }
  if (estab >= 3000 && estab < 3300) return "Voluntary controlled school";
  if (estab >= 3300 && estab < 4000) return "Voluntary aided school";
  if (estab >= 5000 && estab < 6000) return "Foundation school";
  return "Community school";
}

function inventName(r: Rng, district: string, phase: string, type: string): string {
  const place = r.pick(PLACES[district]);
  const threeTier = ["Staffordshire Moorlands", "Stafford", "East Staffordshire"].includes(district);
  if (phase === "Nursery") return `${place} Nursery School`;
  if (phase.startsWith("PRU")) return `${place} Learning Centre`;
  if (phase === "Special") return `${place} ${r.pick(["Hall", "Park", "Meadows", "Brook"])} School`;
  if (phase === "Secondary") return `${place} ${threeTier ? "Middle" : "High"} School`;
  const stage = threeTier && r.chance(0.3) ? "First" : r.pick(["Primary", "Primary", "Primary", "Infant", "Junior"]);
  if (type === "Voluntary aided school") return `${place} ${r.pick(CATHOLIC)} Catholic ${stage} School`;
  if (type === "Voluntary controlled school") return `${place} ${r.pick(C_OF_E)} CofE ${stage} School`;
  if (type === "Free school") return `${place} Free School`;
  if (type.startsWith("Academy")) return r.chance(0.3) ? `${place} ${r.pick(C_OF_E)} CofE Academy` : `${place} ${stage} Academy`;
  return r.chance(0.2) ? `${place} Community ${stage} School` : `${place} ${stage} School`;
}

interface Staffs {
  row: Row;
  risk: number;
  grade: number; // 0 = not judged
  maintained: boolean;
}

/** Standardises each school's values within its phase, so special schools are compared with special schools. */
function zScores(items: { key: string; v: number | null }[]): (number | null)[] {
  const groups = new Map<string, number[]>();
  for (const { key, v } of items) if (v !== null) groups.set(key, [...(groups.get(key) ?? []), v]);
  return items.map(({ key, v }) => {
    const g = groups.get(key);
    if (v === null || !g || g.length < 2) return null;
    const mean = g.reduce((a, b) => a + b, 0) / g.length;
    const sd = Math.sqrt(g.reduce((a, b) => a + (b - mean) ** 2, 0) / g.length) || 1;
    return (v - mean) / sd;
  });
}

function buildStaffordshire(dataDir: string) {
  const census = readCsv(path.join(dataDir, "staffordshire-census-2019.csv")).filter((c) => PHASES[c.SCHOOLTYPE]);
  const ks4 = new Map(readCsv(path.join(dataDir, "staffordshire-ks4-2019.csv")).filter((k) => k.URN).map((k) => [k.URN, k]));
  const absence = new Map(readCsv(path.join(dataDir, "staffordshire-absence-2019.csv")).map((a) => [a.URN, a]));
  const realDistrict = new Map<number, string>();
  for (const [d, urns] of Object.entries(REAL_DISTRICT)) for (const u of urns) realDistrict.set(u, d);

  // Risk (higher = more likely a weak school): FSM, absence and low Progress 8, within phase, plus noise.
  const num = (s: string | undefined) => (s !== undefined && isNum(s) ? Number(s) : null);
  const phaseOf = (c: Record<string, string>) => PHASES[c.SCHOOLTYPE];
  const zFsm = zScores(census.map((c) => ({ key: phaseOf(c), v: num(c.PNUMFSMEVER) })));
  const zAbs = zScores(census.map((c) => ({ key: phaseOf(c), v: num(absence.get(c.URN)?.PERCTOT) })));
  const zP8 = zScores(census.map((c) => ({ key: phaseOf(c), v: num(ks4.get(c.URN)?.P8MEA) })));

  const names = new Set<string>();
  const schools: Staffs[] = census.map((c, i) => {
    const r = rng(`staffs:${c.URN}`);
    const urn = Number(c.URN);
    const estab = Number(c.ESTAB);
    const phase = phaseOf(c);
    const k = ks4.get(c.URN);
    const district = realDistrict.get(urn) ?? DISTRICTS[hash(c.URN) % DISTRICTS.length];
    const type = schoolType(r, urn, estab, k?.NFTYPE);
    let name = k?.SCHNAME ?? "";
    while (!name || names.has(name)) name = inventName(r, district, phase, type);
    names.add(name);
    const parts = [zFsm[i], zAbs[i], zP8[i] === null ? null : -zP8[i]!].filter((z): z is number => z !== null);
    const risk = (parts.length ? parts.reduce((a, b) => a + b, 0) / parts.length : 0) + r.normal() * 0.5;
    const row: Row = {
      URN: urn, LAESTAB: 8600000 + estab, "School name": name, District: district, Phase: phase, Type: type,
      Pupils: Number(c.NOR), "FSM %": published(c.PNUMFSMEVER),
    };
    return { row, risk, grade: 0, maintained: !/^(Academy|Free)/.test(type) };
  });

  // Grades by rank of risk: 4% inadequate, 12% RI, 18% outstanding; the newest 8 academies are not yet judged.
  const g = rng("staffs:grades");
  const byUrn = [...schools].sort((a, b) => (b.row.URN as number) - (a.row.URN as number));
  const notJudged = new Set(byUrn.filter((s) => !s.maintained).slice(0, 8));
  const ranked = schools.filter((s) => !notJudged.has(s)).sort((a, b) => b.risk - a.risk);
  const n = schools.length;
  const [inad, ri, out] = [Math.round(n * 0.04), Math.round(n * 0.12), Math.round(n * 0.18)];
  ranked.forEach((s, i) => (s.grade = i < inad ? 4 : i < inad + ri ? 3 : i >= ranked.length - out ? 1 : 2));

  for (const s of schools) fillStaffsSchool(s, ks4.get(String(s.row.URN)), absence.get(String(s.row.URN)), [...notJudged].indexOf(s));

  // Safeguarding concerns: 4 inadequate, 3 RI and 5 other schools (about 3%).
  const sg = [
    ...g.shuffle(schools.filter((s) => s.grade === 4)).slice(0, 4),
    ...g.shuffle(schools.filter((s) => s.grade === 3)).slice(0, 3),
    ...g.shuffle(schools.filter((s) => s.grade < 3)).slice(0, 5),
  ];
  for (const s of sg) s.row["Safeguarding concern"] = "Yes";

  addOfficerViews(g, schools);

  for (const bad of BAD_CELLS) {
    const s = schools.find((x) => x.row.URN === bad.urn);
    if (!s) throw new Error(`BAD_CELLS: URN ${bad.urn} is not in the census file`);
    s.row[bad.header] = bad.value;
  }

  const { meetings, notices } = buildHistory(schools);
  return { schools: schools.map((s) => s.row), meetings, notices };
}

/** Invented inspection, KS2, finance and pastoral columns; real KS4 and absence columns. */
function fillStaffsSchool(s: Staffs, k: Record<string, string> | undefined, a: Record<string, string> | undefined, notJudgedIndex: number) {
  const r = rng(`staffs:detail:${s.row.URN}`);
  const row = s.row;
  const gr = s.grade;
  const cat = gr === 4 ? r.pick(["Serious weaknesses", "Special measures"]) : null;
  if (gr === 0) row["Ofsted grade"] = notJudgedIndex < 5 ? "Not judged" : null;
  else row["Ofsted grade"] = r.chance(0.06) ? gr : GRADE_WORDS[gr];
  row["Category of concern"] = cat;
  const exempt = gr === 1 && r.chance(0.15); // outstanding schools not re-inspected since before Sept 2012
  row["Inspection date"] = gr === 0 ? null : exempt ? randomDate(r, utc(2007, 1, 8), utc(2012, 7, 13)) : randomDate(r, utc(2013, 1, 7), utc(2019, 12, 13));
  const lm: Record<number, number> = { 1: r.chance(0.8) ? 1 : 2, 2: r.chance(0.88) ? 2 : 1, 3: r.chance(0.75) ? 3 : 2, 4: cat === "Special measures" ? 4 : 3 };
  row["Leadership and management"] = lm[gr] ?? null;
  const prev: Record<number, number[]> = { 0: [2, 2, 3], 1: [1, 1, 1, 2], 2: [2, 2, 2, 3, 3, 1], 3: [2, 3, 3, 4], 4: [2, 3, 3] };
  row["Previous Ofsted grade"] = r.pick(prev[gr]);

  const ks2 = row.Phase === "Primary" || row.Phase === "All-through";
  const quality = gr === 0 ? 0 : 2 - gr; // +1 outstanding ... -2 inadequate
  if (ks2) {
    const small = (row.Pupils as number) < 45;
    const rwm = clamp(Math.round(66 + quality * 8 - s.risk * 5 + r.normal() * 9), 30, 95);
    row["KS2 RWM expected %"] = small || r.chance(0.02) ? "SUPP" : rwm;
    row["KS2 RWM expected % (previous year)"] = small ? "SUPP" : clamp(rwm + r.int(-10, 10), 30, 95);
    for (const subject of ["reading", "writing", "maths"]) {
      const v = round(clamp(quality * 1.2 - s.risk * 0.8 + r.normal() * 2, -8, 6), 1);
      row[`KS2 ${subject} progress`] = small ? "SUPP" : r.chance(0.015) ? "NE" : v;
    }
  }
  if (k && row.Phase !== "Primary") {
    const p8 = published(k.P8MEA);
    row["Progress 8"] = p8;
    row["Progress 8 (previous year)"] = typeof p8 === "number" ? round(p8 + r.normal() * 0.15, 2) : p8;
    row["P8 upper CI"] = published(k.P8CIUPP);
    row["Attainment 8"] = published(k.ATT8SCR);
  }
  if (a) {
    const abs = published(a.PERCTOT);
    row["Overall absence %"] = abs;
    row["Overall absence % (previous year)"] = typeof abs === "number" ? round(clamp(abs + r.normal() * 0.6, 1, 40), 1) : abs;
    row["Persistent absence %"] = published(a.PPERSABS10);
  }
  const secondary = row.Phase !== "Primary" && row.Phase !== "Nursery";
  row["Fixed-term exclusions"] = Math.min(40, Math.floor(r.next() ** (secondary ? 1.3 : 3) * (secondary ? 41 : 15)));
  row["Safeguarding concern"] = "No";
  row.Complaints = Math.min(6, Math.floor(r.next() ** 2 * 7 + (gr >= 3 ? 1 : 0)));
  row["Budget balance £"] = Math.round(clamp(60000 + r.normal() * 70000 - s.risk * 30000, -150000, 300000) / 10) * 10;
}

const NOTE_TEXTS = [
  "Headteacher on long-term sick leave; interim head in post.",
  "New chair of governors appointed this term.",
  "Parental complaints about SEND provision under review.",
  "Falling roll; budget recovery plan agreed with finance.",
  "Phonics results improving after new scheme.",
  "Joining a multi-academy trust next year.",
  "Local intelligence suggests the next inspection is due soon.",
  "Safeguarding audit completed; two actions outstanding.",
];

/** 8 officer categories (3 weak schools, 5 others; a few raised a level above the grade's) and a few notes. */
function addOfficerViews(g: Rng, schools: Staffs[]) {
  const base = ["", "A", "B", "D", "D"]; // by grade
  const picks = [
    ...g.shuffle(schools.filter((s) => s.grade >= 3)).slice(0, 3),
    ...g.shuffle(schools.filter((s) => s.grade === 1 || s.grade === 2)).slice(0, 5),
  ];
  picks.forEach((s, i) => {
    const raised = i >= 3 && i % 2 === 1;
    s.row["Officer category"] = raised ? (s.grade === 1 ? "B" : "C") : base[s.grade];
    if (i % 2 === 0) s.row["Officer notes"] = NOTE_TEXTS[i];
  });
  g.shuffle(schools.filter((s) => !s.row["Officer notes"])).slice(0, 4).forEach((s, i) => (s.row["Officer notes"] = NOTE_TEXTS[2 * i + 1]));
}

// Half terms from Sept 2025 to the snapshot (mid-November 2026); one core group meeting each.
const HALF_TERMS: [Date, Date][] = [
  [utc(2025, 9, 8), utc(2025, 10, 17)], [utc(2025, 11, 3), utc(2025, 12, 12)],
  [utc(2026, 1, 5), utc(2026, 2, 13)], [utc(2026, 2, 23), utc(2026, 3, 27)],
  [utc(2026, 4, 13), utc(2026, 5, 22)], [utc(2026, 6, 1), utc(2026, 7, 17)],
  [utc(2026, 9, 7), utc(2026, 10, 16)], [utc(2026, 11, 2), utc(2026, 11, 13)],
];

/** Scripted histories [half-term index, evidence of impact] for the first schools of the core group. */
type Script = { meetings: [number, "Yes" | "No"][]; notice?: "insufficient" | "sufficient" | "pending" };
const SCRIPTS: Script[] = [
  { meetings: [[1, "No"], [2, "No"], [4, "No"], [5, "No"]], notice: "insufficient" },
  { meetings: [[1, "No"], [2, "No"], [4, "No"], [5, "No"]], notice: "insufficient" },
  { meetings: [[1, "No"], [2, "No"], [5, "Yes"]], notice: "sufficient" },
  { meetings: [[0, "Yes"], [1, "No"], [2, "No"], [5, "Yes"]], notice: "sufficient" },
  { meetings: [[5, "No"], [6, "No"]], notice: "pending" },
  { meetings: [[4, "Yes"], [5, "No"], [6, "No"]], notice: "pending" },
  { meetings: [[5, "Yes"], [6, "No"], [7, "No"]] }, // no notice yet: the tool should propose one
  { meetings: [[6, "No"], [7, "No"]] },
  { meetings: [[4, "Yes"], [5, "Yes"], [6, "No"], [7, "No"]] },
  { meetings: [[6, "No"], [7, "Yes"]] },
  { meetings: [[4, "Yes"], [5, "Yes"], [6, "No"], [7, "Yes"]] },
  { meetings: [[5, "No"], [6, "Yes"], [7, "Yes"]] },
];
const MEETING_NOTES = {
  Yes: ["Evaluation form shows progress on action plan.", "Attendance improving.", "Governors now challenging leaders.", "Reading data improved."],
  No: ["Action plan not yet updated.", "Evaluation form not returned.", "Attendance still below target.", "Leadership capacity remains a concern."],
};

/** Core group meetings for ~25 maintained high-concern schools, and the notices they led to. */
function buildHistory(schools: Staffs[]) {
  const r = rng("staffs:history");
  const severity = (s: Staffs) => (s.grade === 4 ? 3 : 0) + (s.row["Safeguarding concern"] === "Yes" ? 2 : 0) + (s.grade === 3 ? 1 : 0);
  const group = schools
    .filter((s) => s.maintained && severity(s) > 0 && !BAD_CELLS.some((b) => b.urn === s.row.URN))
    .sort((a, b) => severity(b) - severity(a) || b.risk - a.risk)
    .slice(0, 25);
  const meetings: Row[] = [];
  const notices: Row[] = [];
  group.forEach((s, i) => {
    let script = SCRIPTS[i];
    if (!script) {
      // Other schools: 1-4 meetings up to the latest half term, never two "No" in a row.
      const count = r.int(1, 4);
      const last = r.chance(0.8) ? 7 : 6;
      let prev = "Yes";
      script = { meetings: [] };
      for (let h = last - count + 1; h <= last; h++) {
        prev = prev === "No" || r.chance(0.6) ? "Yes" : "No";
        script.meetings.push([h, prev as "Yes" | "No"]);
      }
    }
    const urn = s.row.URN;
    const name = s.row["School name"];
    const dates = script.meetings.map(([h]) => randomDate(r, ...HALF_TERMS[h]));
    script.meetings.forEach(([, ev], j) =>
      meetings.push({ URN: urn, "School name": name, "Meeting date": dates[j], "Evidence of impact": ev, Notes: r.chance(0.45) ? r.pick(MEETING_NOTES[ev]) : null }),
    );
    if (!script.notice) return;
    // The notice follows the first two consecutive meetings without impact.
    const second = script.meetings.findIndex(([, ev], j) => j > 0 && ev === "No" && script!.meetings[j - 1][1] === "No");
    const issued = weekday(addDays(dates[second], r.int(10, 20)));
    const review = script.notice === "pending" ? null : weekday(addDays(issued, r.int(42, 56)));
    const outcome = { insufficient: "Insufficient improvement", sufficient: "Sufficient improvement", pending: null }[script.notice];
    notices.push({ URN: urn, "School name": name, Notice: "Notice of Concern", "Date issued": issued, "Review date": review, "Review outcome": outcome });
    if (script.notice === "insufficient") {
      const warned = weekday(addDays(review!, r.int(7, 14)));
      const warnReview = i === 0 ? weekday(addDays(warned, 49)) : null;
      notices.push({ URN: urn, "School name": name, Notice: "Warning notice (s60)", "Date issued": warned, "Review date": warnReview, "Review outcome": null });
    }
  });
  const byDate = (key: string) => (a: Row, b: Row) => (a[key] as Date).getTime() - (b[key] as Date).getTime() || (a.URN as number) - (b.URN as number);
  return { meetings: meetings.sort(byDate("Meeting date")), notices: notices.sort(byDate("Date issued")) };
}

// ---------- Warwickshire ----------

function buildWarwickshire(dataDir: string): Row[] {
  const csv = readCsv(path.join(dataDir, "warwickshire-ofsted-2020.csv"));
  const g = rng("warks");
  const grade = (s: string) => (isNum(s) ? Number(s) : null);
  // ~10 grade-3 schools become "Satisfactory": last inspected before 1 Sept 2012 (the 2013 model's bands 3A/3B).
  const grade3 = csv.filter((c) => c.Overalleffectiveness === "3").map((c) => c.URN);
  const satisfactory = new Set(g.shuffle(grade3).slice(0, 10));
  const ri = g.shuffle(grade3.filter((u) => !satisfactory.has(u)));
  const riGoodLeaders = new Set(ri.slice(0, 5)); // RI with good leadership (3D)
  const inadequate = csv.filter((c) => c.Overalleffectiveness === "4").map((c) => c.URN);
  const categories = ["Special measures", "Serious weaknesses", "SWK", "Special measures", "SM"];
  const trend = new Map(g.shuffle(csv.map((c) => c.URN)).slice(0, 6).map((u, i) => [u, i % 2 ? "Declining" : "Improving"]));
  const officer = new Map<string, string>([
    [g.pick(csv.filter((c) => c.Overalleffectiveness === "2")).URN, "2B"],
    [ri[6], "3C"],
    [[...satisfactory][0], "3A"],
  ]);

  return csv.map((c) => {
    const r = rng(`warks:${c.URN}`);
    const oe = grade(c.Overalleffectiveness);
    let inspected = isoDate(c.Publicationdate);
    let previous = isoDate(c.Previouspublicationdate);
    if (satisfactory.has(c.URN)) {
      inspected = previous && previous < utc(2012, 9, 1) ? previous : randomDate(r, utc(2011, 1, 10), utc(2012, 7, 13));
      if (!previous || previous >= inspected) previous = weekday(addDays(inspected, -r.int(3 * 365, 5 * 365)));
    }
    const category = oe === 4 ? categories[inadequate.indexOf(c.URN) % categories.length] : null;
    const lm =
      oe === 1 ? (r.chance(0.85) ? 1 : 2)
      : oe === 2 ? (r.chance(0.9) ? 2 : 1)
      : oe === 3 ? (riGoodLeaders.has(c.URN) || (satisfactory.has(c.URN) && r.chance(0.4)) ? 2 : 3)
      : oe === 4 ? (/^S(M|pecial)/.test(category!) ? 4 : 3)
      : null;
    // Attainment correlated with grade and deprivation (IDACI quintile 1 = most deprived); half the
    // satisfactory schools improving, half declining.
    const base = { 1: 78, 2: 66, 3: 55, 4: 45 }[oe ?? 2]! + (Number(c.IDACI) - 3) * 3 + r.normal() * 6;
    const a2018 = round(clamp(base, 30, 95), 1);
    const delta = satisfactory.has(c.URN) ? ([...satisfactory].indexOf(c.URN) % 2 ? 1 : -1) * (3 + r.next() * 5) : r.normal() * 5;
    const a2019 = round(clamp(a2018 + delta, 30, 95), 1);
    const small = Number(c.num_pupils) < 50;
    return {
      URN: Number(c.URN), LAESTAB: Number(c.LAESTAB), "School name": c.Schoolname, Phase: c.Ofstedphase,
      Type: c.Typeofeducation, Academy: c.Academy === "1" ? "Yes" : "No", Pupils: Number(c.num_pupils),
      "IDACI quintile": Number(c.IDACI), "Overall effectiveness": oe, "Inspection date": inspected,
      "Previous overall effectiveness": grade(c.Previousfullinspectionoveralleffectiveness), "Previous inspection date": previous,
      "Leadership and management": lm, "Category of concern": category,
      "Headline attainment 2018": small ? "SUPP" : a2018, "Headline attainment 2019": small || r.chance(0.01) ? "SUPP" : a2019,
      Trend: trend.get(c.URN) ?? null, "Pupils eligible for funding": Number(c.num_pupils), "Officer category": officer.get(c.URN) ?? null,
    };
  });
}

// ---------- writing ----------

function addSheet(wb: ExcelJS.Workbook, name: string, headers: string[], rows: Row[]) {
  const ws = wb.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
  ws.addRow(headers);
  for (const row of rows) ws.addRow(headers.map((h) => row[h] ?? null));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.eachCell((cell) => (cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD9D9D9" } }));
  headers.forEach((h, i) => {
    const col = ws.getColumn(i + 1);
    col.width = /name|notes/i.test(h) ? 40 : Math.max(10, Math.min(24, h.length + 2));
    col.eachCell((cell) => {
      if (cell.value instanceof Date) cell.numFmt = "dd/mm/yyyy";
    });
  });
}

function newWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = "scripts/make-examples.ts";
  wb.created = wb.modified = utc(2026, 1, 1); // fixed, so regenerating changes nothing but zip timestamps
  return wb;
}

export async function generate(dataDir: string, outDir: string): Promise<string[]> {
  fs.mkdirSync(outDir, { recursive: true });
  const staffs = buildStaffordshire(dataDir);
  const s = newWorkbook();
  addSheet(s, "Schools", STAFFS_HEADERS, staffs.schools);
  addSheet(s, "Core group meetings", MEETING_HEADERS, staffs.meetings);
  addSheet(s, "Notices", NOTICE_HEADERS, staffs.notices);
  const w = newWorkbook();
  addSheet(w, "Schools", WARKS_HEADERS, buildWarwickshire(dataDir));
  const files = [path.join(outDir, "staffordshire-schools.xlsx"), path.join(outDir, "warwickshire-schools.xlsx")];
  await s.xlsx.writeFile(files[0]);
  await w.xlsx.writeFile(files[1]);
  return files;
}

if (require.main === module) {
  const dataDir = option("--data", path.resolve(__dirname, "../data/source"));
  const outDir = option("--out", path.resolve(__dirname, "../examples"));
  generate(dataDir, outDir).then(
    (files) => files.forEach((f) => console.log(`wrote ${path.relative(process.cwd(), f)} (${Math.round(fs.statSync(f).size / 1024)} KB)`)),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
