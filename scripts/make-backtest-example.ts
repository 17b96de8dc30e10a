// Builds examples/warwickshire-backtest.xlsx from the real Ofsted data in data/source
// (warwickshire-ofsted-2020.csv: each school's latest and previous full inspection at 31 August 2020).
//
// The workbook is Warwickshire as it stood on 1 September 2016, for `categorise backtest`: every school
// inspected before that date and again after it, with the grade and date it then held (its previous
// inspection) and, in "Next Ofsted grade", the grade of its next inspection (published by 31 August 2020).
// Nothing is invented. Academy status, pupils and IDACI quintile are as published in 2020.
//
//   npx tsx scripts/make-backtest-example.ts [--data DIR] [--out FILE]
//   npx tsx cli/main.ts backtest warwickshire examples/warwickshire-backtest.xlsx --outcome "Next Ofsted grade" --as-of 2016-09-01
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { option } from "./script-option";

export const SNAPSHOT = "2016-09-01";
export const BACKTEST_HEADERS = [
  "URN", "LAESTAB", "School name", "Phase", "Type", "Academy", "Pupils", "IDACI quintile",
  "Overall effectiveness", "Inspection date", "Next Ofsted grade", "Next inspection date",
];

/** Minimal CSV reader (quoted fields may hold commas). */
function readCsv(file: string): Record<string, string>[] {
  const split = (line: string) => {
    const cells: string[] = [];
    let cur = "";
    let quoted = false;
    for (const ch of line) {
      if (ch === '"') quoted = !quoted;
      else if (ch === "," && !quoted) [cells[cells.length], cur] = [cur, ""];
      else cur += ch;
    }
    return [...cells, cur];
  };
  const [head, ...lines] = fs.readFileSync(file, "utf8").split(/\r?\n/).filter((l) => l.trim());
  const cols = split(head);
  return lines.map((l) => Object.fromEntries(split(l).map((v, i) => [cols[i], v])));
}

const date = (iso: string) => new Date(iso + "T00:00:00Z");
const isIso = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s);

export function backtestRows(dataDir: string): (string | number | Date)[][] {
  return readCsv(path.join(dataDir, "warwickshire-ofsted-2020.csv"))
    .filter((c) => isIso(c.Previouspublicationdate) && c.Previouspublicationdate < SNAPSHOT && isIso(c.Publicationdate) && c.Publicationdate >= SNAPSHOT)
    .filter((c) => /^[1-4]$/.test(c.Previousfullinspectionoveralleffectiveness) && /^[1-4]$/.test(c.Overalleffectiveness))
    .sort((a, b) => Number(a.URN) - Number(b.URN))
    .map((c) => [
      Number(c.URN), Number(c.LAESTAB), c.Schoolname, c.Ofstedphase, c.Typeofeducation, c.Academy === "1" ? "Yes" : "No",
      Number(c.num_pupils), Number(c.IDACI), Number(c.Previousfullinspectionoveralleffectiveness), date(c.Previouspublicationdate),
      Number(c.Overalleffectiveness), date(c.Publicationdate),
    ]);
}

export async function writeBacktestExample(dataDir: string, file: string): Promise<number> {
  const rows = backtestRows(dataDir);
  const wb = new ExcelJS.Workbook();
  wb.creator = "scripts/make-backtest-example.ts";
  wb.created = wb.modified = date("2026-01-01"); // fixed, so regenerating changes nothing but zip timestamps
  const ws = wb.addWorksheet("Schools", { views: [{ state: "frozen", ySplit: 1 }] });
  ws.addRow(BACKTEST_HEADERS).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  BACKTEST_HEADERS.forEach((h, i) => {
    const col = ws.getColumn(i + 1);
    col.width = h === "School name" ? 40 : Math.max(10, h.length + 2);
    if (/date/i.test(h)) col.numFmt = "dd/mm/yyyy";
  });
  const about = wb.addWorksheet("About");
  for (const line of [
    [`Warwickshire schools as at ${SNAPSHOT}, with the grade of their next Ofsted inspection`],
    ["Source: Ofsted management information at 31 August 2020 joined with Get Information About Schools (Open Government Licence), data/source/warwickshire-ofsted-2020.csv."],
    [`Overall effectiveness and Inspection date: the school's previous full inspection, the latest before ${SNAPSHOT}. Next Ofsted grade and date: its latest inspection, published between ${SNAPSHOT} and 31 August 2020.`],
    ["Academy, Pupils and IDACI quintile are as published in 2020. Built by scripts/make-backtest-example.ts."],
  ]) about.addRow(line);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await wb.xlsx.writeFile(file);
  return rows.length;
}

if (require.main === module) {
  const dataDir = option("--data", path.resolve(__dirname, "../data/source"));
  const file = option("--out", path.resolve(__dirname, "../examples/warwickshire-backtest.xlsx"));
  writeBacktestExample(dataDir, file).then(
    (n) => console.log(`wrote ${path.relative(process.cwd(), file)}: ${n} schools (${Math.round(fs.statSync(file).size / 1024)} KB)`),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
