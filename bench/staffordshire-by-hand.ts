// The Staffordshire ruleset (rules/staffordshire.json) written out by hand in plain TypeScript, as a
// programmer would code it without a rules engine: read the cells, work out the derived facts,
// decide the triggers, category and stage, and write the due dates, the Reasons text, the cells
// behind each fired trigger (for fills) and the watch flags of the triggers with margins. The bench
// times it beside the engine and checks both give the same on every row. It reads a sheet as the
// engine's memorySource holds it, and knows only this ruleset.
import type { CellValue } from "../engine";

export interface HandSheet {
  headers: string[];
  rows: CellValue[][];
}

export interface HandResult {
  /** 1-based sheet row. */
  row: number;
  triggers: string[];
  band: string;
  ruleBand: string;
  stage: string | null;
  due: string | null;
  dueFrom: string | null;
  reasons: string[];
  /** Per fired trigger, the sheet columns (1-based) of the cells behind it, for fills. */
  cells: { trigger: string; columns: number[] }[];
  /** Near misses of the triggers with margins: why, and the columns behind them. */
  watch: { id: string; reason: string; columns: number[] }[];
}

// ---- Reading cells -------------------------------------------------------------------------------

const MARKERS = new Set(["", "supp", "ne", "na", "n/a", "x", "-", "--", "null", "lowcov", "np", "ne/na", "not judged", "none", ".", "..", ":", "dns"]);
const NO_CATEGORY = new Set(["", "none", "no", "n/a", "na", "-", "null", "not applicable"]);
const GRADES: Record<string, number> = { outstanding: 1, good: 2, satisfactory: 3, "requires improvement": 3, ri: 3, inadequate: 4, "serious weaknesses": 4, "special measures": 4 };
const CATEGORIES: Record<string, string> = { swk: "SWK", "serious weaknesses": "SWK", "serious weakness": "SWK", sm: "SM", "special measures": "SM", nti: "NTI", "notice to improve": "NTI" };

const iso = (d: Date) => d.toISOString().slice(0, 10);
const loose = (s: string) => s.toLowerCase().replace(/&/g, " and ").replace(/[^a-z0-9%£]+/g, " ").trim();

function numberText(s: string): number | undefined {
  const t = s.replace(/[£,\s]/g, "").replace(/^\((.*)\)$/, "-$1");
  return /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t) ? Number(t) : undefined;
}

function realDate(y: number, m: number, d: number): string | undefined {
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d ? iso(dt) : undefined;
}

const serialDate = (n: number) => (Number.isFinite(n) && n >= 20090 && n <= 73415 ? iso(new Date(Math.round((n - 25569) * 86_400_000))) : undefined);

function dateOf(cell: CellValue): string | undefined {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? undefined : iso(cell);
  if (typeof cell === "number") return serialDate(cell);
  const s = String(cell).trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(s);
  if (m) return realDate(+m[1], +m[2], +m[3]);
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(s);
  if (m) return realDate(m[3].length === 2 ? 2000 + +m[3] : +m[3], +m[2], +m[1]);
  const n = numberText(s);
  return n === undefined ? undefined : serialDate(n);
}

type Kind = "text" | "integer" | "number" | "percent" | "yesno" | "date" | "grade" | "category";
type Value = number | string | boolean | null;

/**
 * One cell as a value, or null. `withheld` gets the cell's text when a filled cell gave no value
 * (a SUPP-style marker, or text that is not a value of its kind), under the field's label.
 */
function read(cell: CellValue, kind: Kind, label: string, withheld: Map<string, string>, listed?: Map<string, string>): Value {
  if (kind === "category" && (cell === null || NO_CATEGORY.has((cell instanceof Date ? iso(cell) : String(cell).trim()).toLowerCase()))) return "None";
  if (cell === null) return null;
  if (typeof cell === "number" && (kind === "number" || kind === "percent" || (kind === "integer" && Number.isInteger(cell)))) {
    if (Number.isFinite(cell)) return cell;
    withheld.set(label, String(cell));
    return null;
  }
  const s = cell instanceof Date ? iso(cell) : String(cell).trim();
  const lower = s.toLowerCase();
  if (listed && lower !== "") {
    const v = listed.get(loose(s));
    if (v !== undefined) return v;
  }
  if (MARKERS.has(lower)) {
    if (lower !== "") withheld.set(label, s);
    return null;
  }
  if (listed) return null; // not a listed value: a warning, not withheld data
  let v: Value | undefined;
  switch (kind) {
    case "text":
      return s;
    case "integer":
    case "number": {
      const n = typeof cell === "number" ? cell : numberText(s);
      v = n !== undefined && Number.isFinite(n) && (kind === "number" || Number.isInteger(n)) ? n : undefined;
      break;
    }
    case "percent": {
      const n = typeof cell === "number" ? cell : numberText(s.replace(/%\s*$/, ""));
      v = n !== undefined && Number.isFinite(n) ? n : undefined;
      break;
    }
    case "yesno":
      v = typeof cell === "boolean" ? cell : ["yes", "y", "true", "1"].includes(lower) ? true : ["no", "n", "false", "0"].includes(lower) ? false : undefined;
      break;
    case "date":
      v = cell instanceof Date ? s : dateOf(cell);
      break;
    case "grade": {
      const n = typeof cell === "number" ? cell : numberText(s) ?? GRADES[lower.replace(/^\d\s*[-:]?\s*/, "")];
      v = n === 1 || n === 2 || n === 3 || n === 4 ? n : undefined;
      break;
    }
    case "category":
      v = CATEGORIES[lower];
      break;
  }
  if (v !== undefined) return v;
  withheld.set(label, String(cell));
  return null;
}

function vocabulary(values: Record<string, string[]>): Map<string, string> {
  const map = new Map<string, string>();
  for (const [value, spellings] of Object.entries(values)) for (const s of [value, ...spellings]) if (!map.has(loose(s))) map.set(loose(s), value);
  return map;
}

const TYPES = vocabulary({
  "Community school": ["Community", "CY"], "Voluntary aided school": ["Voluntary aided", "VA", "VA school"],
  "Voluntary controlled school": ["Voluntary controlled", "VC", "VC school"], "Foundation school": ["Foundation", "FD"],
  "Community special school": ["Community special", "CYS"], "Foundation special school": ["Foundation special", "FDS"],
  "Local authority nursery school": ["LA nursery school", "Maintained nursery school", "Nursery school"], "Pupil referral unit": ["PRU", "Pupil referral units"],
  "Academy converter": ["Converter academy", "Academy - converter", "ACC"], "Academy sponsor led": ["Sponsored academy", "Academy sponsor-led", "Academy - sponsor led", "AC"],
  "Academy special converter": ["Special converter academy", "ACCS"], "Academy special sponsor led": ["Sponsored special academy", "Academy special sponsor-led", "ACS"],
  "Academy alternative provision converter": ["Alternative provision converter academy"],
  "Academy alternative provision sponsor led": ["Alternative provision sponsored academy", "Academy alternative provision sponsor-led"],
  "Academy 16-19 converter": ["Academy 16 to 19 converter", "16-19 converter academy"], "Academy 16 to 19 sponsor led": ["Academy 16-19 sponsor led", "16-19 sponsored academy"],
  "Free schools": ["Free school", "F"], "Free schools special": ["Free school special", "Special free school"],
  "Free schools alternative provision": ["Free school alternative provision", "Alternative provision free school"],
  "Free schools 16 to 19": ["Free school 16 to 19", "Free schools 16-19", "16-19 free school"], "University technical college": ["UTC", "University technical colleges"],
  "Studio schools": ["Studio school"], "Other independent school": ["Independent school", "IND"], "Other independent special school": ["Independent special school", "INDSPEC"],
  "Non-maintained special school": ["Non maintained special school", "NMSS"], "City technology college": ["CTC"], "Further education": ["FE college", "Further education college"],
  "Sixth form centres": ["Sixth form centre"], "Special post 16 institution": ["Special post-16 institution"], "Secure units": ["Secure unit"],
  "Service children's education": ["Service childrens education"], "Welsh establishment": [], "Online provider": [], Miscellaneous: [],
});
const JUDGEMENTS = vocabulary({ "Serious weaknesses": ["SWK", "Serious weakness", "Would be SWK", "Would be judged serious weaknesses"], "Special measures": ["SM", "Would be SM", "Would be judged special measures"], Neither: ["No", "None", "Not SWK or SM"] });
const NOTICES = vocabulary({
  "Notice of Concern": ["NoC", "LA notice of concern", "Concern notice", "Local authority notice of concern", "LA NoC"],
  "Warning notice (s60)": ["Warning notice", "s60 warning notice", "s60", "Section 60 warning notice", "Performance standards and safety warning notice", "Statutory warning notice"],
});
const OUTCOMES = vocabulary({
  "Sufficient improvement": ["Sufficient", "Sufficient progress", "Improved", "Improvement sufficient"],
  "Insufficient improvement": ["Not sufficient improvement", "Insufficient", "Insufficient progress", "Not sufficient progress", "No improvement", "Improvement insufficient"],
});
const GROUPS = new Map<string, string>([
  ...["Community school", "Voluntary aided school", "Voluntary controlled school", "Foundation school", "Community special school", "Foundation special school", "Local authority nursery school", "Pupil referral unit"].map((t) => [loose(t), "maintained"] as const),
  ...["Academy converter", "Academy sponsor led", "Academy special converter", "Academy special sponsor led", "Academy alternative provision converter", "Academy alternative provision sponsor led", "Academy 16-19 converter", "Academy 16 to 19 sponsor led"].map((t) => [loose(t), "academy"] as const),
  ...["Free schools", "Free schools special", "Free schools alternative provision", "Free schools 16 to 19", "University technical college", "Studio schools"].map((t) => [loose(t), "free school"] as const),
  ...["Other independent school", "Other independent special school", "Non-maintained special school", "City technology college", "Further education", "Sixth form centres", "Special post 16 institution", "Secure units", "Service children's education", "Welsh establishment", "Online provider", "Miscellaneous"].map((t) => [loose(t), "other"] as const),
]);

/** The column under the first of the headers the sheet has (loosely matched), or -1. */
function columnOf(headers: string[], names: string[]): number {
  const at = new Map<string, number>();
  headers.forEach((h, i) => {
    const k = loose(h);
    if (k && !at.has(k)) at.set(k, i);
  });
  for (const n of names) if (at.has(loose(n))) return at.get(loose(n))!;
  return -1;
}

// ---- History sheets ------------------------------------------------------------------------------

interface Meeting { date: string | null; impact: boolean | null }
interface Notice { notice: string | null; dateIssued: string | null; reviewOutcome: string | null }

const keyOf = (v: Value) => (v === null ? "" : String(v).trim().toLowerCase());

function byUrn<T>(sheet: HandSheet | undefined, entry: (row: CellValue[], col: (names: string[]) => number) => T): Map<string, T[]> | undefined {
  if (!sheet) return undefined;
  const out = new Map<string, T[]>();
  const urn = columnOf(sheet.headers, ["URN"]);
  const col = (names: string[]) => columnOf(sheet.headers, names);
  const ignored = new Map<string, string>();
  for (const row of sheet.rows) {
    const key = keyOf(urn < 0 ? null : read(row[urn] ?? null, "integer", "URN", ignored));
    if (!key) continue;
    const list = out.get(key) ?? out.set(key, []).get(key)!;
    list.push(entry(row, col));
  }
  return out;
}

/** Newest first by date, undated last; dates after the run date have not happened, so are left out. */
function newestFirst<T>(entries: T[], date: (e: T) => string | null, asOf: string): T[] {
  const past = entries.filter((e) => !(date(e) !== null && date(e)! > asOf));
  return past.length < 2 ? past : [...past].sort((a, b) => {
    const x = date(a);
    const y = date(b);
    if (x === null) return y === null ? 0 : 1;
    if (y === null) return -1;
    return x < y ? 1 : x > y ? -1 : 0;
  });
}

// ---- Dates and words in reasons ------------------------------------------------------------------

const DAY = 86_400_000;
const dayNo = (d: string) => Math.floor(Date.parse(d + "T00:00:00Z") / DAY);
const addDays = (d: string, n: number) => iso(new Date((dayNo(d) + n) * DAY));
const uk = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
const round = (n: number) => Math.round(n * 1e9) / 1e9;
const isIso = (v: Value) => typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v);

function shown(v: Value | string[]): string {
  if (v === null) return "missing";
  if (typeof v === "boolean") return v ? "Yes" : "No";
  if (Array.isArray(v)) return v.length ? v.map(shown).join(", ") : "none";
  if (typeof v === "string") return isIso(v) ? uk(v) : v;
  return Number.isInteger(v) ? String(v) : String(Math.round(v * 100) / 100);
}

/** "Ofsted grade is at least 3 (actual 2)"; `not` for a condition inside a not. */
const said = (rule: string, actual: Value | string[], not = false) => (not ? `not (${rule}) (actual ${shown(actual)})` : `${rule} (actual ${shown(actual)})`);

/** A number in a watch reason: at most 3 decimals, a true minus sign. */
function signed(x: number): string {
  const v = Math.round(x * 1000) / 1000;
  return v === 0 ? "0" : `${v < 0 ? "\u2212" : ""}${Math.abs(v)}`;
}

/** "Progress 8 −0.45 is 0.05 above the floor of −0.5": `unit` "%" for percents, "point" for their differences. */
function nearText(label: string, a: number, b: number, unit: "" | "%" | "point", of: string): string {
  const d = signed(Math.abs(a - b));
  const distance = unit === "" ? d : `${d} point${d === "1" ? "" : "s"}`;
  const value = (x: number) => (unit === "%" ? `${signed(x)}%` : signed(x));
  return `${label} ${value(a)} is ${d === "0" ? "at" : `${distance} ${a > b ? "above" : "below"}`} ${of} of ${value(b)}`;
}

/** Within `within` of holding on the side of b where `a < b` (or `a <= b`) would hold: a watch margin. */
const nearBelow = (a: Value, b: Value, within: number): Outcome => (typeof a === "number" && typeof b === "number" ? bit(a - b <= within + 1e-9 * Math.max(1, Math.abs(b))) : NO);
const nearAbove = (a: Value, b: Value, within: number): Outcome => (typeof a === "number" && typeof b === "number" ? bit(b - a <= within + 1e-9 * Math.max(1, Math.abs(b))) : NO);

/** Columns in order, each once, those the sheet lacks (0) left out. */
function sorted(columns: number[]): number[] {
  const out: number[] = [];
  for (const c of columns) if (c > 0 && !out.includes(c)) out.push(c);
  return out.length > 1 ? out.sort((a, b) => a - b) : out;
}

// ---- The ruleset ---------------------------------------------------------------------------------

const YEAR_DEFAULT = "2018/19";
/** A constant by year: the latest year listed not after the row's year. */
const byYear = (table: [string, number][], year: string): number | null => {
  let v: number | null = null;
  for (const [y, x] of table) if (y <= year) v = x;
  return v;
};

function academicYear(v: Value): string | null {
  if (typeof v === "string") {
    const t = v.trim();
    if (/^\d{4}\/\d{2}$/.test(t)) return t;
    if (/^\d{4}-\d{2}-\d{2}$/.test(t)) return yearOfDate(t);
    const m = /^(\d{4})[-/]?(\d{2})$/.exec(t);
    if (m && (Number(m[1]) + 1) % 100 === Number(m[2])) return `${m[1]}/${m[2]}`;
    if (/^\d{4}$/.test(t)) return academicYear(Number(t));
    return null;
  }
  if (typeof v === "number" && v > 1990 && v < 2100) return `${v - 1}/${String(v % 100).padStart(2, "0")}`;
  if (typeof v === "number" && v > 199000 && v < 210000) return academicYear(String(v));
  return null;
}

function yearOfDate(d: string): string {
  const y = Number(d.slice(0, 4));
  const start = Number(d.slice(5, 7)) >= 9 ? y : y - 1;
  return `${start}/${String((start + 1) % 100).padStart(2, "0")}`;
}

const BAND_LABELS: Record<string, string> = { D: "High concern", C: "Medium concern", B: "Low concern", U: "Not categorised", A: "No concern" };
const SPECIAL_TYPE = /special|pupil referral|alternative provision/i;
const SPECIAL_PHASE = /special|pupil referral|\bPRU\b|alternative provision/i;
const FOUNDATION_TYPES = ["Voluntary aided school", "Voluntary controlled school", "Foundation school", "Foundation special school"];

/**
 * A condition's outcome as three bits, since missing data makes a leaf condition false but a rule
 * may still be "undecided": bit 1 whether it holds; bit 2 whether it could hold were each missing
 * value to go its way; bit 4 whether it would hold were each to go against it.
 */
type Outcome = number;
const YES = 7;
const NO = 0;
const MISSING = 2;
const bit = (b: boolean): Outcome => (b ? YES : NO);
const and = (...xs: Outcome[]): Outcome => xs.reduce((a, b) => a & b, YES);
const or = (...xs: Outcome[]): Outcome => xs.reduce((a, b) => a | b, NO);
const not = (x: Outcome): Outcome => (~x & 1) | ((~x >> 1) & 2) | ((~x << 1) & 4);
const holds = (x: Outcome) => (x & 1) === 1;
const cmp = (a: Value, b: Value, test: (a: number, b: number) => boolean): Outcome => (a === null || b === null ? MISSING : typeof a === "number" && typeof b === "number" ? bit(test(a, b)) : NO);
const eq = (a: Value, b: Value): Outcome => (a === null ? MISSING : bit(a === b));
const oneOf = (a: Value, list: Value[]): Outcome => (a === null ? MISSING : bit(list.includes(a)));

/** The facts of one school, named as the ruleset names them, as json-rules-engine takes them too. */
export type SchoolFacts = { row: number; withheld: Map<string, string>; columns: Columns } & Record<(typeof FACT_IDS)[number], Value>;
/** Each field's sheet column (1-based; 0 where the sheet has none), shared by the sheet's schools. */
type Columns = Record<keyof ReturnType<typeof columnsOf>, number>;
export const FACT_IDS = [
  "urn", "phase", "type", "pupils", "ofstedGrade", "categoryOfConcern", "previousGrade", "ks2Rwm", "ks2RwmPrevious", "ks2Reading", "ks2Writing",
  "ks2Maths", "p8", "p8Previous", "p8Upper", "absence", "absencePrevious", "persistentAbsence", "exclusions", "safeguarding", "complaints", "budget",
  "laJudgement", "officerCategory", "moderationReason", "asOf", "year", "nationalAbsence", "nationalPersistentAbsence", "ks2FloorAttainment",
  "ks2FloorReading", "ks2FloorWriting", "ks2FloorMaths", "ks4FloorP8", "unacceptableP8", "unacceptableKs2Rwm", "specialOrPruType", "typeGroup",
  "isAcademy", "specialOrPruPhase", "absenceVsNational", "persistentAbsenceVsNational", "absenceChange", "p8Change", "ks2RwmChange", "exclusionRate",
  "meetingsWithoutImpact", "latestMeetingDate", "latestNotice", "latestNoticeDate", "latestNoticeOutcome", "daysSinceNotice",
] as const;

/** The whole ruleset by hand: every school's facts, then its categorisation. */
export function categoriseByHand(sheets: Record<string, HandSheet>, asOf: string): HandResult[] {
  const out: HandResult[] = [];
  for (const school of schoolFactsByHand(sheets, asOf)) out.push(decideByHand(school, asOf));
  return out;
}

/** The column (0-based) of each field the ruleset reads, or -1. */
function columnsOf(h: string[]) {
  return {
    urn: columnOf(h, ["URN", "Unique reference number", "School URN"]),
    phase: columnOf(h, ["Phase", "Ofsted phase", "Ofstedphase", "PhaseOfEducation (name)", "Phase of education"]),
    type: columnOf(h, ["Type", "Type of education", "Typeofeducation", "TypeOfEstablishment (name)", "School type", "Establishment type"]),
    year: columnOf(h, ["Academic year", "Data year"]),
    pupils: columnOf(h, ["Pupils", "Number of pupils", "Total number of pupils", "NumberOfPupils", "NOR", "num_pupils"]),
    grade: columnOf(h, ["Ofsted grade", "Overall effectiveness", "Overalleffectiveness", "Latest OEIF overall effectiveness", "OEIF overall effectiveness", "Ofsted overall effectiveness"]),
    category: columnOf(h, ["Category of concern", "Ofsted category of concern"]),
    previousGrade: columnOf(h, ["Previous Ofsted grade", "Previous full inspection overall effectiveness", "Previousfullinspectionoveralleffectiveness", "Previous overall effectiveness"]),
    rwm: columnOf(h, ["KS2 RWM expected %", "PTRWM_EXP", "KS2 RWM %", "RWM expected standard %"]),
    rwmPrevious: columnOf(h, ["KS2 RWM expected % (previous year)", "PTRWM_EXP previous", "KS2 RWM % last year"]),
    reading: columnOf(h, ["KS2 reading progress", "READPROG", "Reading progress"]),
    writing: columnOf(h, ["KS2 writing progress", "WRITPROG", "Writing progress"]),
    maths: columnOf(h, ["KS2 maths progress", "MATPROG", "Maths progress"]),
    p8: columnOf(h, ["Progress 8", "P8MEA", "P8", "Progress 8 score"]),
    p8Previous: columnOf(h, ["Progress 8 (previous year)", "P8MEA previous", "Progress 8 last year"]),
    p8Upper: columnOf(h, ["P8 upper CI", "P8CIUPP", "Progress 8 upper confidence limit"]),
    absence: columnOf(h, ["Overall absence %", "PERCTOT", "Overall absence", "Absence %"]),
    absencePrevious: columnOf(h, ["Overall absence % (previous year)", "PERCTOT previous", "Overall absence last year"]),
    persistent: columnOf(h, ["Persistent absence %", "PPERSABS10", "Persistent absence", "PA %"]),
    exclusions: columnOf(h, ["Fixed-term exclusions", "Fixed term exclusions", "Suspensions", "Exclusions"]),
    safeguarding: columnOf(h, ["Safeguarding concern", "Safeguarding concerns", "Safeguarding"]),
    complaints: columnOf(h, ["Complaints", "Complaints this year", "Number of complaints"]),
    budget: columnOf(h, ["Budget balance £", "Budget balance", "Revenue balance", "Carry forward £"]),
    judgement: columnOf(h, ["LA judgement", "Would be judged SWK/SM", "LA view: would be judged", "LA judgement (SWK/SM)"]),
    officer: columnOf(h, ["Officer category", "Moderated category", "Category (officer)"]),
    reason: columnOf(h, ["Moderation reason", "Reason for moderation", "Officer reason", "Reason for officer category", "Override reason"]),
  };
}

/** Reads every school row (blank rows and rows without a URN skipped) and works out its derived facts. */
export function schoolFactsByHand(sheets: Record<string, HandSheet>, asOf: string): SchoolFacts[] {
  const schools = sheets.Schools;
  const c = columnsOf(schools.headers);
  const columns = Object.fromEntries(Object.entries(c).map(([k, i]) => [k, i + 1])) as Columns;
  const ignored = new Map<string, string>();
  const meetings = byUrn<Meeting>(sheets["Core group meetings"], (row, col) => ({
    date: read(row[col(["Meeting date", "Date"])] ?? null, "date", "", ignored) as string | null,
    impact: read(row[col(["Evidence of impact", "Impact"])] ?? null, "yesno", "", ignored) as boolean | null,
  }));
  const notices = byUrn<Notice>(sheets.Notices, (row, col) => ({
    notice: read(row[col(["Notice", "Notice type"])] ?? null, "text", "", ignored, NOTICES) as string | null,
    dateIssued: read(row[col(["Date issued", "Issued", "Date"])] ?? null, "date", "", ignored) as string | null,
    reviewOutcome: read(row[col(["Review outcome", "Outcome"])] ?? null, "text", "", ignored, OUTCOMES) as string | null,
  }));

  const out: SchoolFacts[] = [];
  schools.rows.forEach((cells, i) => {
    if (cells.every((x) => x === null || (typeof x === "string" && x.trim() === ""))) return;
    const withheld = new Map<string, string>(); // field label -> the cell's text
    const get = (col: number, kind: Kind, label: string, listed?: Map<string, string>) => (col < 0 ? null : read(cells[col] ?? null, kind, label, withheld, listed));
    const urn = get(c.urn, "integer", "URN");
    const key = keyOf(urn);
    if (!key) return;
    const phase = get(c.phase, "text", "Phase");
    const type = get(c.type, "text", "Type", TYPES);
    const pupils = get(c.pupils, "integer", "Pupils");
    const grade = get(c.grade, "grade", "Ofsted grade");
    const category = get(c.category, "category", "Category of concern");
    const previousGrade = get(c.previousGrade, "grade", "Previous Ofsted grade");
    const rwm = get(c.rwm, "percent", "KS2 RWM expected %");
    const rwmPrevious = get(c.rwmPrevious, "percent", "KS2 RWM expected % (previous year)");
    const reading = get(c.reading, "number", "KS2 reading progress");
    const writing = get(c.writing, "number", "KS2 writing progress");
    const maths = get(c.maths, "number", "KS2 maths progress");
    const p8 = get(c.p8, "number", "Progress 8");
    const p8Previous = get(c.p8Previous, "number", "Progress 8 (previous year)");
    const p8Upper = get(c.p8Upper, "number", "P8 upper CI");
    const absence = get(c.absence, "percent", "Overall absence %");
    const absencePrevious = get(c.absencePrevious, "percent", "Overall absence % (previous year)");
    const persistent = get(c.persistent, "percent", "Persistent absence %");
    const exclusions = get(c.exclusions, "integer", "Fixed-term exclusions");
    const safeguarding = get(c.safeguarding, "yesno", "Safeguarding concern");
    const complaints = get(c.complaints, "integer", "Complaints");
    const budget = get(c.budget, "number", "Budget balance £");
    const judgement = get(c.judgement, "text", "LA judgement: would be judged", JUDGEMENTS);
    const officer = get(c.officer, "text", "Officer category");
    const reasonGiven = get(c.reason, "text", "Moderation reason");

    // Constants for the row's academic year, and derived facts.
    const year = (c.year < 0 ? null : academicYear(get(c.year, "text", "Academic year"))) ?? YEAR_DEFAULT;
    const floorRwm = byYear([["2012/13", 60], ["2013/14", 65]], year);
    const floorReading = byYear([["2015/16", -5]], year);
    const floorWriting = byYear([["2015/16", -7]], year);
    const floorMaths = byYear([["2015/16", -5]], year);
    const floorP8 = byYear([["2015/16", -0.5]], year);
    const nationalPa = byYear([["2015/16", 10.5], ["2016/17", 10.8], ["2017/18", 11.2], ["2018/19", 10.9]], year);
    const nationalAbsence = byYear([["2015/16", 4.6], ["2016/17", 4.7], ["2017/18", 4.8], ["2018/19", 4.7]], year);
    const diff = (a: Value, b: Value) => (typeof a === "number" && typeof b === "number" ? round(a - b) : null);
    const specialType = typeof type === "string" ? SPECIAL_TYPE.test(type) : null;
    const group = type === null ? null : GROUPS.get(loose(String(type))) ?? null;
    const isAcademy = group === "academy" || group === "free school" ? true : group === "maintained" ? false : null;
    const specialPhase = typeof phase === "string" ? SPECIAL_PHASE.test(phase) : null;
    const absenceVsNational = diff(absence, nationalAbsence);
    const paVsNational = diff(persistent, nationalPa);
    const absenceChange = diff(absence, absencePrevious);
    const p8Change = diff(p8, p8Previous);
    const rwmChange = diff(rwm, rwmPrevious);
    const exclusionRate = typeof exclusions === "number" && typeof pupils === "number" && pupils !== 0 ? round((exclusions / pupils) * 100) : null;
    let withoutImpact: number | null = null;
    let latestMeeting: string | null = null;
    if (meetings) {
      const mine = newestFirst(meetings.get(key) ?? [], (m) => m.date, asOf);
      withoutImpact = 0;
      while (withoutImpact < mine.length && mine[withoutImpact].impact === false) withoutImpact++;
      latestMeeting = mine[0]?.date ?? null;
    }
    const notice = notices ? newestFirst(notices.get(key) ?? [], (n) => n.dateIssued, asOf)[0] : undefined;
    const latestNotice = notice?.notice ?? null;
    const latestNoticeDate = notice?.dateIssued ?? null;
    const latestOutcome = notice?.reviewOutcome ?? null;
    const daysSinceNotice = latestNoticeDate === null ? null : dayNo(asOf) - dayNo(latestNoticeDate);
    out.push({
      row: i + 2, withheld, columns, urn, phase, type, pupils, ofstedGrade: grade, categoryOfConcern: category, previousGrade, ks2Rwm: rwm, ks2RwmPrevious: rwmPrevious,
      ks2Reading: reading, ks2Writing: writing, ks2Maths: maths, p8, p8Previous, p8Upper, absence, absencePrevious, persistentAbsence: persistent, exclusions,
      safeguarding, complaints, budget, laJudgement: judgement, officerCategory: officer, moderationReason: reasonGiven, asOf, year, nationalAbsence,
      nationalPersistentAbsence: nationalPa, ks2FloorAttainment: floorRwm, ks2FloorReading: floorReading, ks2FloorWriting: floorWriting, ks2FloorMaths: floorMaths,
      ks4FloorP8: floorP8, unacceptableP8: -1, unacceptableKs2Rwm: 40, specialOrPruType: specialType, typeGroup: group, isAcademy, specialOrPruPhase: specialPhase,
      absenceVsNational, persistentAbsenceVsNational: paVsNational, absenceChange, p8Change, ks2RwmChange: rwmChange, exclusionRate,
      meetingsWithoutImpact: withoutImpact, latestMeetingDate: latestMeeting, latestNotice, latestNoticeDate, latestNoticeOutcome: latestOutcome, daysSinceNotice,
    });
  });
  return out;
}

/** The category a school ends with: not categorised without an Ofsted grade (unless the rules give D), and the officer's when given. */
export function finalBand(ruleBand: string, s: SchoolFacts): { band: string; moderated: boolean; notCategorised: boolean } {
  const notCategorised = s.ofstedGrade === null && ruleBand !== "D";
  const officer = s.officerCategory;
  if (officer !== null && officer !== "") {
    const o = String(officer).trim().toLowerCase();
    const match = Object.entries(BAND_LABELS).find(([id, label]) => [id, label, `${id} ${label}`].some((x) => x.toLowerCase() === o));
    if (match) return { band: match[0], moderated: true, notCategorised };
  }
  return { band: notCategorised ? "U" : ruleBand, moderated: false, notCategorised };
}

/** One school's triggers, category, stage, due dates and reasons. */
export function decideByHand(s: SchoolFacts, asOf: string): HandResult {
  const { withheld, phase, type, ofstedGrade: grade, categoryOfConcern: category, previousGrade, ks2Rwm: rwm, ks2Reading: reading, ks2Writing: writing } = s;
  const { ks2Maths: maths, p8, p8Upper, safeguarding, complaints, budget, laJudgement: judgement, moderationReason: reasonGiven } = s;
  const { ks2FloorAttainment: floorRwm, ks2FloorReading: floorReading, ks2FloorWriting: floorWriting, ks2FloorMaths: floorMaths, ks4FloorP8: floorP8 } = s;
  const { specialOrPruType: specialType, typeGroup: group, isAcademy, specialOrPruPhase: specialPhase, absenceVsNational, persistentAbsenceVsNational: paVsNational } = s;
  const { absenceChange, p8Change, ks2RwmChange: rwmChange, exclusionRate, meetingsWithoutImpact: withoutImpact, latestMeetingDate: latestMeeting } = s;
  const { latestNotice, latestNoticeDate, latestNoticeOutcome: latestOutcome, daysSinceNotice } = s;

  // What each rule says, three-valued (null: missing data decides it), with its reason text.
  const lines = (...xs: (string | false)[]) => xs.filter((x): x is string => x !== false && x !== "").join("; ");
  const swkSm = or(eq(grade, 4), oneOf(category, ["SWK", "SM"]));
  const swkSmWhy = () => lines(grade === 4 && said("Ofsted grade is 4", grade), (category === "SWK" || category === "SM") && said("Category of concern is one of SWK, SM", category));
  const special = or(eq(specialType, true), and(bit(phase !== null), eq(specialPhase, true)));
  const notSpecialWhy = () => lines(specialType !== true && said("Special school, PRU or alternative provision (type) is Yes", specialType, true), phase === null && said("Phase is present", phase, true), specialPhase !== true && said("Special school, PRU or alternative provision (phase) is Yes", specialPhase, true));
  const ks2Low = (v: Value, floor: Value) => cmp(v, floor, (a, b) => a < b);
  const rwmBelow = ks2Low(rwm, floorRwm);
  const progressBelow = or(ks2Low(reading, floorReading), ks2Low(writing, floorWriting), ks2Low(maths, floorMaths));
  const ks2Below = and(rwmBelow, progressBelow);
  const ks2BelowWhy = () => lines(
    holds(rwmBelow) && said(`KS2 RWM expected % is below KS2 floor: RWM % (${shown(floorRwm)})`, rwm),
    holds(ks2Low(reading, floorReading)) && said(`KS2 reading progress is below KS2 floor: reading progress (${shown(floorReading)})`, reading),
    holds(ks2Low(writing, floorWriting)) && said(`KS2 writing progress is below KS2 floor: writing progress (${shown(floorWriting)})`, writing),
    holds(ks2Low(maths, floorMaths)) && said(`KS2 maths progress is below KS2 floor: maths progress (${shown(floorMaths)})`, maths),
  );
  const p8Below = cmp(p8, floorP8, (a, b) => a < b);
  const upperBelow = cmp(p8Upper, 0, (a, b) => a < b);
  const ks4Below = and(p8Below, upperBelow);
  const ks4BelowWhy = () => lines(holds(p8Below) && said(`Progress 8 is below KS4 floor: Progress 8 (${shown(floorP8)})`, p8), holds(upperBelow) && said("P8 upper CI is below 0", p8Upper));
  const p8Low = cmp(p8, -1, (a, b) => a <= b);
  const rwmLow = cmp(rwm, 40, (a, b) => a < b);
  const low = or(p8Low, rwmLow);
  const lowWhy = () => lines(holds(p8Low) && said("Progress 8 is at most Unacceptably low Progress 8 (-1)", p8), holds(rwmLow) && said("KS2 RWM expected % is below Unacceptably low KS2 RWM % (40)", rwm));

  interface Rule { id: string; label: string; holds: Outcome; why: () => string; facts: [string, Value][] }
  const rule = (id: string, label: string, holds: Outcome, why: () => string, facts: [string, Value][]): Rule => ({ id, label, holds, why, facts });
  const specialFacts: [string, Value][] = [["Type", specialType], ["Phase", specialPhase]];
  const triggerRules = [
    rule("safeguarding", "Safeguarding concern", eq(safeguarding, true), () => said("Safeguarding concern is Yes", safeguarding), [["Safeguarding concern", safeguarding]]),
    rule("inadequate", "Ofsted inadequate", swkSm, swkSmWhy, [["Ofsted grade", grade], ["Category of concern", category]]),
    rule("requiresImprovement", "Ofsted requires improvement", eq(grade, 3), () => said("Ofsted grade is 3", grade), [["Ofsted grade", grade]]),
    rule("belowFloorKs2", "Below KS2 floor standard", and(ks2Below, not(special)), () => lines(ks2BelowWhy(), notSpecialWhy()),
      [["KS2 RWM expected %", rwm], ["KS2 reading progress", reading], ["KS2 writing progress", writing], ["KS2 maths progress", maths], ...specialFacts]),
    rule("belowFloorKs4", "Below KS4 floor standard", and(ks4Below, not(special)), () => lines(ks4BelowWhy(), notSpecialWhy()), [["Progress 8", p8], ["P8 upper CI", p8Upper], ...specialFacts]),
    rule("unacceptablyLow", "Standards unacceptably low", and(low, not(special)), () => lines(lowWhy(), notSpecialWhy()), [["Progress 8", p8], ["KS2 RWM expected %", rwm], ...specialFacts]),
    rule("p8Falling", "Progress 8 falling", cmp(p8Change, -0.3, (a, b) => a <= b), () => said("Change in Progress 8 is at most -0.3", p8Change), [["Progress 8", p8Change], ["Progress 8 (previous year)", p8Change]]),
    rule("ks2Falling", "KS2 attainment falling", cmp(rwmChange, -10, (a, b) => a <= b), () => said("Change in KS2 RWM % (points) is at most -10", rwmChange), [["KS2 RWM expected %", rwmChange], ["KS2 RWM expected % (previous year)", rwmChange]]),
    rule("gradeDeclined", "Ofsted grade declined", cmp(grade, previousGrade, (a, b) => a > b), () => said(`Ofsted grade is above Previous Ofsted grade (${shown(previousGrade)})`, grade), [["Ofsted grade", grade === null ? null : previousGrade]]),
    rule("persistentAbsence", "Persistent absence well above national", cmp(paVsNational, 5, (a, b) => a > b), () => said("Persistent absence above national (points) is above 5", paVsNational), [["Persistent absence %", paVsNational]]),
    rule("absenceAboveNational", "Absence above national", cmp(absenceVsNational, 1, (a, b) => a > b), () => said("Overall absence above national (points) is above 1", absenceVsNational), [["Overall absence %", absenceVsNational]]),
    rule("absenceRising", "Absence rising", cmp(absenceChange, 1, (a, b) => a >= b), () => said("Change in overall absence (points) is at least 1", absenceChange), [["Overall absence %", absenceChange], ["Overall absence % (previous year)", absenceChange]]),
    rule("exclusionsHigh", "High fixed-term exclusions", cmp(exclusionRate, 5, (a, b) => a > b), () => said("Fixed-term exclusions per 100 pupils is above 5", exclusionRate), [["Fixed-term exclusions", exclusionRate], ["Pupils", exclusionRate]]),
    rule("complaints", "Repeated complaints", cmp(complaints, 5, (a, b) => a >= b), () => said("Complaints is at least 5", complaints), [["Complaints", complaints]]),
    rule("deficit", "Budget deficit", cmp(budget, 0, (a, b) => a < b), () => said("Budget balance £ is below 0", budget), [["Budget balance £", budget]]),
    rule("coreGroupNoImpact", "Two core group meetings without impact", cmp(withoutImpact, 2, (a, b) => a >= b),
      () => said("Latest consecutive core group meetings without evidence of impact is at least 2", withoutImpact), []),
    rule("noticeReviewOverdue", "Notice review overdue", and(cmp(daysSinceNotice, 56, (a, b) => a > b), bit(latestOutcome === null)),
      () => lines(said("Days since the latest notice is above 56", daysSinceNotice), said("Latest notice review outcome is missing", latestOutcome)), []),
    rule("laJudgedSwkSm", "LA judges it would be serious weaknesses/special measures", oneOf(judgement, ["Serious weaknesses", "Special measures"]),
      () => said("LA judgement: would be judged is one of Serious weaknesses, Special measures", judgement), [["LA judgement: would be judged", judgement]]),
  ];
  const fired = triggerRules.filter((r) => holds(r.holds)).map((r) => r.id);

  // The cells behind each fired trigger: the columns of the conditions that made it hold.
  const col = s.columns;
  const typeCell = specialType !== true ? col.type : 0;
  const phaseCell = phase === null || specialPhase !== true ? col.phase : 0;
  const cellsBehind = (id: string): number[] => {
    switch (id) {
      case "safeguarding": return [col.safeguarding];
      case "inadequate": return [grade === 4 ? col.grade : 0, category === "SWK" || category === "SM" ? col.category : 0];
      case "requiresImprovement": return [col.grade];
      case "belowFloorKs2": return [col.rwm, holds(ks2Low(reading, floorReading)) ? col.reading : 0, holds(ks2Low(writing, floorWriting)) ? col.writing : 0, holds(ks2Low(maths, floorMaths)) ? col.maths : 0, typeCell, phaseCell];
      case "belowFloorKs4": return [col.p8, col.p8Upper, typeCell, phaseCell];
      case "unacceptablyLow": return [holds(p8Low) ? col.p8 : 0, holds(rwmLow) ? col.rwm : 0, typeCell, phaseCell];
      case "p8Falling": return [col.p8, col.p8Previous];
      case "ks2Falling": return [col.rwm, col.rwmPrevious];
      case "gradeDeclined": return [col.grade];
      case "persistentAbsence": return [col.persistent];
      case "absenceAboveNational": return [col.absence];
      case "absenceRising": return [col.absence, col.absencePrevious];
      case "exclusionsHigh": return [col.exclusions, col.pupils];
      case "complaints": return [col.complaints];
      case "deficit": return [col.budget];
      case "laJudgedSwkSm": return [col.judgement];
      default: return []; // from history sheets: no cell on the Schools sheet
    }
  };
  const cells = fired.map((id) => ({ trigger: id, columns: sorted(cellsBehind(id)) }));

  // Near misses: a trigger with margins that did not fire, but would with each margined comparison
  // loosened by its margin; said for each comparison inside its margin that does not hold as it is.
  const watch: HandResult["watch"] = [];
  const nearFloor = (a: Value, b: Value, within: number) => typeof a === "number" && typeof b === "number" && a >= b && holds(nearBelow(a, b, within));
  if (!fired.includes("belowFloorKs2") && holds(and(and(nearBelow(rwm, floorRwm, 5), or(nearBelow(reading, floorReading, 1), nearBelow(writing, floorWriting, 1), nearBelow(maths, floorMaths, 1))), not(special)))) {
    const said: string[] = [];
    const columns: number[] = [];
    const near: [string, Value, Value, number, "" | "%", number][] = [
      ["KS2 RWM expected %", rwm, floorRwm, 5, "%", col.rwm],
      ["KS2 reading progress", reading, floorReading, 1, "", col.reading],
      ["KS2 writing progress", writing, floorWriting, 1, "", col.writing],
      ["KS2 maths progress", maths, floorMaths, 1, "", col.maths],
    ];
    for (const [label, a, b, within, unit, column] of near) {
      if (!nearFloor(a, b, within)) continue;
      said.push(nearText(label, a as number, b as number, unit, "the floor"));
      columns.push(column);
    }
    watch.push({ id: "belowFloorKs2", reason: said.join("; "), columns: sorted(columns) });
  }
  if (!fired.includes("belowFloorKs4") && holds(and(and(nearBelow(p8, floorP8, 0.1), upperBelow), not(special)))) {
    const p8Near = nearFloor(p8, floorP8, 0.1);
    watch.push({ id: "belowFloorKs4", reason: p8Near ? nearText("Progress 8", p8 as number, floorP8 as number, "", "the floor") : "", columns: p8Near ? sorted([col.p8]) : [] });
  }
  if (!fired.includes("p8Falling") && holds(nearBelow(p8Change, -0.3, 0.1))) {
    watch.push({ id: "p8Falling", reason: nearText("Change in Progress 8", p8Change as number, -0.3, "", "the trigger level"), columns: sorted([col.p8, col.p8Previous]) });
  }
  if (!fired.includes("ks2Falling") && holds(nearBelow(rwmChange, -10, 3))) {
    watch.push({ id: "ks2Falling", reason: nearText("Change in KS2 RWM % (points)", rwmChange as number, -10, "point", "the trigger level"), columns: sorted([col.rwm, col.rwmPrevious]) });
  }
  if (!fired.includes("persistentAbsence") && holds(nearAbove(paVsNational, 5, 1))) {
    watch.push({ id: "persistentAbsence", reason: nearText("Persistent absence above national (points)", paVsNational as number, 5, "point", "the trigger level"), columns: sorted([col.persistent]) });
  }
  if (!fired.includes("absenceAboveNational") && holds(nearAbove(absenceVsNational, 1, 0.5))) {
    watch.push({ id: "absenceAboveNational", reason: nearText("Overall absence above national (points)", absenceVsNational as number, 1, "point", "the trigger level"), columns: sorted([col.absence]) });
  }
  const has = (id: string) => fired.includes(id);
  const triggersSaid = (id: string) => said(`Triggers includes ${id}`, fired);
  const bandRules = [
    rule("D", BAND_LABELS.D, or(oneOf(grade, [3, 4]), oneOf(category, ["SWK", "SM"]), bit(has("safeguarding")), bit(has("laJudgedSwkSm"))),
      () => lines((grade === 3 || grade === 4) && said("Ofsted grade is one of 3, 4", grade), (category === "SWK" || category === "SM") && said("Category of concern is one of SWK, SM", category), has("safeguarding") && triggersSaid("safeguarding"), has("laJudgedSwkSm") && triggersSaid("laJudgedSwkSm")),
      [["Ofsted grade", grade], ["Category of concern", category]]),
    rule("C", BAND_LABELS.C, bit(has("belowFloorKs2") || has("belowFloorKs4") || has("unacceptablyLow") || fired.length >= 3),
      () => lines(...["belowFloorKs2", "belowFloorKs4", "unacceptablyLow"].map((id) => has(id) && triggersSaid(id)), fired.length >= 3 && said("Number of triggers is at least 3", fired.length)), []),
    rule("B", BAND_LABELS.B, bit(fired.length >= 1), () => said("Number of triggers is at least 1", fired.length), []),
    rule("U", BAND_LABELS.U, bit(grade === null), () => said("Ofsted grade is missing", grade), []),
    rule("A", BAND_LABELS.A, YES, () => "no higher category's conditions held", []),
  ];
  const chosen = bandRules.findIndex((r) => holds(r.holds));
  const ruleBand = bandRules[chosen].id;
  const { band, moderated, notCategorised } = finalBand(ruleBand, s);

  const maintained = eq(isAcademy, false);
  const academy = eq(isAcademy, true);
  const typeFacts: [string, Value][] = [["Type", isAcademy]];
  const insufficient = eq(latestOutcome, "Insufficient improvement");
  const noOutcome = bit(latestOutcome === null);
  const coreGroupLong = and(bit(band === "D"), cmp(withoutImpact, 2, (a, b) => a >= b));
  const academyWhy = () => said("Academy or free school is Yes", isAcademy);
  const maintainedWhy = () => said("Academy or free school is No", isAcademy);
  const stageRules = [
    rule("statutoryOptions", "Statutory options", and(maintained, insufficient),
      () => lines(maintainedWhy(), said("Latest notice review outcome is Insufficient improvement", latestOutcome)), typeFacts),
    rule("warningNotice", "Warning notice (s60): compliance period", and(maintained, eq(latestNotice, "Warning notice (s60)"), noOutcome),
      () => lines(maintainedWhy(), said("Latest notice is Warning notice (s60)", latestNotice), said("Latest notice review outcome is missing", latestOutcome)), typeFacts),
    rule("noticeReview", "Notice of Concern: review due", and(maintained, eq(latestNotice, "Notice of Concern"), noOutcome),
      () => lines(maintainedWhy(), said("Latest notice is Notice of Concern", latestNotice), said("Latest notice review outcome is missing", latestOutcome)), typeFacts),
    rule("noticeOfConcern", "LA Notice of Concern", and(maintained, or(coreGroupLong, swkSm, bit(has("laJudgedSwkSm")), bit(has("unacceptablyLow")))),
      () => lines(maintainedWhy(), band === "D" && said("Category is D", band), typeof withoutImpact === "number" && withoutImpact >= 2 && said("Latest consecutive core group meetings without evidence of impact is at least 2", withoutImpact),
        swkSmWhy(), has("laJudgedSwkSm") && triggersSaid("laJudgedSwkSm"), has("unacceptablyLow") && triggersSaid("unacceptablyLow")),
      [...typeFacts, ["Ofsted grade", grade], ["Category of concern", category]]),
    rule("coreGroup", "Core group", and(maintained, bit(band === "D")), () => lines(maintainedWhy(), said("Category is D", band)), typeFacts),
    rule("raiseWithDfE", "Raise with the academy and the DfE", and(academy, bit(band === "D" || band === "C")),
      () => lines(academyWhy(), band === "D" && said("Category is D", band), band === "C" && said("Category is C", band)), typeFacts),
    rule("moderationNeeded", "Moderation needed", and(special, or(ks2Below, ks4Below, low)),
      () => lines(specialType === true && said("Special school, PRU or alternative provision (type) is Yes", specialType), phase !== null && said("Phase is present", phase),
        specialPhase === true && said("Special school, PRU or alternative provision (phase) is Yes", specialPhase), ks2BelowWhy(), ks4BelowWhy(), lowWhy()),
      [...specialFacts, ["KS2 RWM expected %", rwm], ["KS2 reading progress", reading], ["KS2 writing progress", writing], ["KS2 maths progress", maths], ["Progress 8", p8], ["P8 upper CI", p8Upper]]),
    rule("notCouncilSchool", "Not a school the council categorises", eq(group, "other"), () => said("Type group is other", group), [["Type", group]]),
    rule("confirmType", "Confirm the school's type", bit(group === null), () => said("Type group is missing", group), []),
  ];
  const stageAt = stageRules.findIndex((r) => holds(r.holds));
  const stage = stageAt < 0 ? null : stageRules[stageAt];
  let due: string | null = null;
  let dueFrom: string | null = null;
  const dueRule: Record<string, [number, Value, number?]> = {
    statutoryOptions: [14, null], warningNotice: [21, latestNoticeDate], noticeReview: [56, latestNoticeDate, 42], noticeOfConcern: [14, null],
    coreGroup: [49, latestMeeting], raiseWithDfE: [14, null], moderationNeeded: [28, null], confirmType: [14, null],
  };
  const dueSpec = stage ? dueRule[stage.id] : undefined;
  if (dueSpec) {
    const base = isIso(dueSpec[1]) ? (dueSpec[1] as string) : asOf;
    due = addDays(base, dueSpec[0]);
    if (dueSpec[2] !== undefined) dueFrom = addDays(base, dueSpec[2]);
  }

  // Reasons, in the engine's order: moderation, not categorised, category, triggers, stage, undecided.
  const reasons: string[] = [];
  const ruleLabel = BAND_LABELS[ruleBand];
  if (moderated) {
    const given = reasonGiven === null ? "" : String(reasonGiven).trim();
    reasons.push(`Moderated by officer: ${band} ${BAND_LABELS[band]} (the rules gave ${ruleBand} ${ruleLabel})${given ? `; reason: ${given}` : ""}`);
  }
  if (notCategorised) {
    const without = ruleBand === band || moderated ? "" : ` (without it the rules give ${ruleBand} ${ruleLabel})`;
    reasons.push(`Not categorised: missing Ofsted grade; with it the school could be D High concern${without}`);
  }
  reasons.push(`${moderated || (notCategorised && ruleBand !== band) ? "Rules" : "Category"} ${ruleBand} ${ruleLabel}: ${bandRules[chosen].why()}`);
  for (const r of triggerRules) if (holds(r.holds)) reasons.push(`Trigger ${r.label}: ${r.why()}`);
  if (stage) {
    reasons.push(`Escalation ${stage.label}: ${stage.why()}`);
    const foundation = ["statutoryOptions", "warningNotice"].includes(stage.id) && typeof type === "string" && FOUNDATION_TYPES.includes(type);
    if (foundation) reasons.push(`Also for voluntary aided, voluntary controlled and foundation schools: ${said(`Type is one of ${FOUNDATION_TYPES.join(", ")}`, type)}`);
    if (["statutoryOptions", "noticeOfConcern"].includes(stage.id) && (category === "SM" || judgement === "Special measures")) {
      reasons.push(`Also for schools in special measures: ${lines(category === "SM" && said("Category of concern is SM", category), judgement === "Special measures" && said("LA judgement: would be judged is Special measures", judgement))}`);
    }
  }
  // Rules that missing data alone kept from holding, where a cell held a marker or unreadable text.
  if (withheld.size) {
    const couldHold = (r: Rule) => !holds(r.holds) && (r.holds & 2) === 2;
    const undecided: Rule[] = triggerRules.filter(couldHold);
    undecided.push(...bandRules.slice(0, chosen).filter(couldHold));
    undecided.push(...(stageAt < 0 ? stageRules : stageRules.slice(0, stageAt)).filter(couldHold));
    const whys = undecided.map((r) => [r.label, [...new Set(r.facts.filter(([f, v]) => v === null && withheld.has(f)).map(([f]) => f))]] as const).filter(([, fs]) => fs.length);
    if (whys.length) reasons.push(`Could not be decided for lack of data: ${whys.map(([label, fs]) => `${label} (${fs.map((f) => `${f} was '${withheld.get(f)}'`).join(", ")})`).join("; ")}`);
  }
  return { row: s.row, triggers: fired, band, ruleBand, stage: stage?.id ?? null, due, dueFrom, reasons, cells, watch };
}
