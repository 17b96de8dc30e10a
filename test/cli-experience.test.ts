// The command line's experience (issue 12): --help and --version, did-you-mean for commands, options
// and bundled rulesets, .csv input written as a new .xlsx, progress on long runs (shown only on a
// terminal), the compiled bin, and the dev server's advice when the certificate cannot be installed.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import ExcelJS from "exceljs";
import { main } from "../cli/main";
import { parseArgs, unknownOption } from "../cli/args";
import { COMMAND_SPECS, commandSpec } from "../cli/command-specs";
import { csvCell, CsvError, decodeCsv, parseCsv } from "../cli/csv";
import { badSheetName, sheetNameFor } from "../cli/csv-workbook";
import { editDistance, nearest } from "../cli/nearest";
import { Progress } from "../cli/progress";
import { bundledRulesets } from "../cli/rules-file";
import { certificateAdvice } from "../scripts/dev-server";
import { ROOT, runCli, tempDir } from "./helpers/cli";
import { exampleSchools, toCsv } from "./helpers/csv";
import { writeBook, type Cell } from "./helpers/workbook";

const VERSION = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).version as string;
const BIN = path.join(ROOT, "bin/categorise.js");
const WARKS_CSV = path.join(ROOT, "data/source/warwickshire-ofsted-2020.csv");
const dir = tempDir("cli-experience-");
const at = (name: string) => path.join(dir, name);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Runs the bin as a user would, stdout and stderr piped (so neither is a terminal). */
function runBin(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe("nearest: did-you-mean for names typed at the command line", () => {
  it("counts edits, a swap of neighbours as one", () => {
    expect(editDistance("chek", "check")).toBe(1);
    expect(editDistance("tset", "test")).toBe(1);
    expect(editDistance("RULES", "rules")).toBe(0);
  });
  it("suggests only what is near, or the one name a prefix starts", () => {
    expect(nearest("chek", ["clear", "check", "test"])).toBe("check");
    expect(nearest("warwickshir", ["staffordshire", "warwickshire"])).toBe("warwickshire");
    expect(nearest("stafford", ["staffordshire", "warwickshire"])).toBe("staffordshire");
    expect(nearest("xyz", ["clear", "check", "test"])).toBeUndefined();
    expect(nearest("c", ["clear", "check"])).toBeUndefined();
  });
});

describe("--version and --help", () => {
  it("--version prints package.json's version", async () => {
    expect(await runCli(["--version"])).toEqual({ code: 0, out: VERSION, err: "" });
  });

  it("categorise --help: the workbook run's options, then every command", async () => {
    for (const args of [["--help"], ["-h"], ["help"]]) {
      const r = await runCli(args);
      expect(r.code).toBe(0);
      expect(r.out).toContain(`categorise ${VERSION}`);
      for (const o of commandSpec("")!.options) expect(r.out).toContain(`--${o.name}`);
      for (const c of COMMAND_SPECS.filter((x) => x.name)) expect(r.out).toMatch(new RegExp(`^  ${c.name} +${c.summary.slice(0, 20).replace(/[()]/g, "\\$&")}`, "m"));
    }
  });

  it.each(COMMAND_SPECS.filter((c) => c.name).map((c) => c.name))("categorise %s --help: its usage and every option", async (name) => {
    const spec = commandSpec(name)!;
    for (const args of [[name, "--help"], [name, "-h"], ["help", name], [name, "some-file.json", "--help"]]) {
      const r = await runCli(args);
      expect(r.code).toBe(0);
      expect(r.err).toBe("");
      expect(r.out.split("\n")[0]).toBe(`Usage: categorise ${name} ${spec.usage}`);
      for (const o of [...spec.options, { name: "help" }, { name: "debug" }]) expect(r.out).toMatch(new RegExp(`^  --${o.name}\\b`, "m"));
    }
  });

  it("help for a command that does not exist suggests the nearest", async () => {
    expect(await runCli(["help", "tets"])).toMatchObject({ code: 2, err: expect.stringContaining("unknown command 'tets'; did you mean 'test'?") });
  });
});

describe("did you mean: commands and options", () => {
  it("categorise chek: unknown command 'chek'; did you mean 'check'?", async () => {
    const r = await runCli(["chek", "rules/staffordshire.json"]);
    expect(r.code).toBe(2);
    expect(r.err.split("\n")[0]).toBe("categorise: unknown command 'chek'; did you mean 'check'?");
    expect(r.out).toBe("");
  });

  it("a word that is no command and no file lists the commands", async () => {
    const r = await runCli(["frobnicate"]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("unknown command 'frobnicate', and no file of that name; the commands are clear, check, test, diff, backtest");
  });

  it("a word that is a file is a workbook, not a command", async () => {
    const file = at("chek");
    fs.writeFileSync(file, "not a workbook");
    const r = await runCli([file, "--out", at("chek-out.xlsx")]);
    expect(r.code).toBe(1);
    expect(r.err).not.toContain("unknown command");
  });

  it("--ruls: did you mean --rules?", async () => {
    const r = await runCli(["schools.xlsx", "--ruls", "warwickshire"]);
    expect(r.code).toBe(2);
    expect(r.err.split("\n")).toEqual([
      "categorise: unknown option --ruls; did you mean --rules?",
      "Usage: categorise <workbook.xlsx | schools.csv> [options]",
      "Run 'categorise --help' for the options and the other commands.",
    ]);
  });

  it("each command's own options: check --strcit, diff --limt=3, backtest --outcom, -o for --out", async () => {
    expect((await runCli(["check", "x.json", "--strcit"])).err).toContain("unknown option --strcit; did you mean --strict?");
    expect((await runCli(["diff", "a", "b", "c", "--limt=3"])).err).toContain("unknown option --limt; did you mean --limit?");
    expect((await runCli(["backtest", "a", "b", "--outcom", "X"])).err).toContain("unknown option --outcom; did you mean --outcome?");
    expect((await runCli(["schools.xlsx", "-o", "x.xlsx"])).err).toContain("unknown option -o; did you mean --out?");
    const far = await runCli(["check", "x.json", "--rules", "y"]);
    expect(far.code).toBe(2);
    expect(far.err).toContain("unknown option --rules; categorise check takes --strict, --json, --help, --debug");
    expect(far.err).toContain("Usage: categorise check <rules.json | NAME>... [options]");
  });

  it("parseArgs: values inline or next, flags without, and -- ends the options", () => {
    const spec = commandSpec("")!;
    expect(parseArgs(["a.xlsx", "--rules=x", "--out", "o.xlsx", "--quiet", "--", "--odd.xlsx"], spec)).toEqual({
      positional: ["a.xlsx", "--odd.xlsx"],
      options: { rules: "x", out: "o.xlsx", quiet: true },
    });
    expect(() => parseArgs(["--quiet=yes"], spec)).toThrow("--quiet takes no value");
    expect(() => parseArgs(["--out"], spec)).toThrow("--out needs a value (PATH.xlsx)");
    expect(unknownOption("--repor=x.json", spec)).toBe("unknown option --repor; did you mean --report?");
  });
});

describe("--rules NAME: bundled rulesets", () => {
  it("lists the bundled names", () => {
    expect(bundledRulesets()).toEqual(expect.arrayContaining(["staffordshire", "warwickshire"]));
    expect(bundledRulesets()).not.toContain("ruleset.schema");
  });

  it("--rules warwickshir lists them and suggests the nearest", async () => {
    const r = await runCli([WARKS_CSV, "--rules", "warwickshir", "--out", at("never.xlsx")]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      `categorise: warwickshir: no such rules file or bundled ruleset; the bundled rulesets are ${bundledRulesets().join(", ")}. Did you mean 'warwickshire'?`,
    );
    expect(fs.existsSync(at("never.xlsx"))).toBe(false);
  });

  it("the same for check and test, and no guess when nothing is near", async () => {
    expect((await runCli(["check", "staffordshir"])).out).toContain("Did you mean 'staffordshire'?");
    expect((await runCli(["test", "warwick"])).err).toContain("Did you mean 'warwickshire'?");
    const far = await runCli(["test", "kent"]);
    expect(far.err).toContain("kent: no such rules file or bundled ruleset; the bundled rulesets are");
    expect(far.err).not.toContain("Did you mean");
  });

  it("a bundled name works from any folder", async () => {
    const r = spawnSync(process.execPath, [BIN, "check", "warwickshire"], { cwd: dir, encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^✔ warwickshire: 0 errors/);
  });
});

describe("CSV: reading", () => {
  it("quoted fields with commas, doubled quotes and line breaks; CRLF, LF and CR; no trailing empty record", () => {
    const text = 'URN,Name,Notes\r\n1,"Brook Lane, Leek","said ""no""\r\nthen yes"\n2,Plain,\r3,"",x';
    expect(parseCsv(text)).toEqual([
      ["URN", "Name", "Notes"],
      ["1", "Brook Lane, Leek", 'said "no"\r\nthen yes'],
      ["2", "Plain", ""],
      ["3", "", "x"],
    ]);
    expect(parseCsv("a,b\n1,2\n")).toEqual([["a", "b"], ["1", "2"]]);
    expect(parseCsv("a\n\nb\n")).toEqual([["a"], [""], ["b"]]);
  });

  it("semicolon- or tab-separated files are read too; a comma on the first line keeps commas", () => {
    expect(parseCsv("URN;School name;Absence %\n100001;Abbey;4,5\n")).toEqual([["URN", "School name", "Absence %"], ["100001", "Abbey", "4,5"]]);
    expect(parseCsv("URN\tName\n1\tAbbey\n")).toEqual([["URN", "Name"], ["1", "Abbey"]]);
    expect(parseCsv('"a;b",c\n1,2\n')).toEqual([["a;b", "c"], ["1", "2"]]);
  });

  it("an unclosed quote names its line", () => {
    expect(() => parseCsv('a,b\n1,"open\n2,3\n')).toThrow(new CsvError("a quoted field opened on line 2 is never closed"));
  });

  it("UTF-8 with or without a byte-order mark; Windows-1252 when it is not UTF-8, said so; UTF-16 refused", () => {
    const utf8 = new TextEncoder().encode("Name\nSt Æthelred's — Bromley\n");
    expect(decodeCsv(utf8)).toEqual({ text: "Name\nSt Æthelred's — Bromley\n" });
    expect(decodeCsv(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]))).toEqual({ text: "Name\nSt Æthelred's — Bromley\n" });
    const cp1252 = decodeCsv(new Uint8Array([0x4e, 0x61, 0x6d, 0x65, 0x0a, 0x43, 0x61, 0x66, 0xe9, 0x20, 0x80]));
    expect(cp1252.text).toBe("Name\nCafé €");
    expect(cp1252.note).toContain("is not UTF-8; it was read as Windows-1252");
    expect(() => decodeCsv(new Uint8Array([0xff, 0xfe, 0x41, 0x00]))).toThrow("UTF-16");
  });

  it("numbers stay numbers; markers, codes with leading zeros and percentages stay text; ISO dates are dates", () => {
    expect(csvCell("")).toBeNull();
    expect(csvCell("124002")).toBe(124002);
    expect(csvCell("-0.81")).toBe(-0.81);
    expect(csvCell("0")).toBe(0);
    expect(csvCell("-0")).toBe(0);
    for (const text of ["SUPP", "NE", "x", "NA", "LOWCOV", "56.4%", "0123", ".5", "1e5", "1,234", "12345678901234567", " 7"]) expect(csvCell(text)).toBe(text);
    expect(csvCell("2019-12-12")).toEqual(new Date(Date.UTC(2019, 11, 12)));
    expect(csvCell("2019-02-30")).toBe("2019-02-30");
  });

  it("the sheet is named after the file, as Excel allows, else Schools", () => {
    expect(sheetNameFor("/data/warwickshire-ofsted-2020.csv")).toBe("warwickshire-ofsted-2020");
    expect(sheetNameFor("C:\\data\\KS4 [final]: 2019.CSV")).toBe("KS4 final 2019");
    expect(sheetNameFor("a-very-long-name-for-a-performance-table-2019.csv")).toBe("a-very-long-name-for-a-performa");
    expect(sheetNameFor("History.csv")).toBe("Schools");
    expect(sheetNameFor("'.csv")).toBe("Schools");
    expect(badSheetName("Schools")).toBeUndefined();
    expect(badSheetName("a/b")).toContain("cannot hold");
    expect(badSheetName("_categorisation")).toContain("kept for this tool's own sheets");
  });
});

describe("CSV: categorised into a new workbook", () => {
  let rows: Cell[][];
  let headers: string[];
  const col = (h: string) => headers.indexOf(h);
  let suppRow: number;
  const odd = { comma: "Brook Lane School, Leek", quote: 'St Mary\'s "Old" School', newline: "Two\nLines Academy" };

  beforeAll(async () => {
    rows = await exampleSchools();
    headers = rows[0] as string[];
    // Text a CSV must quote, and DfE markers in number columns.
    rows[1][col("School name")] = odd.comma;
    rows[2][col("School name")] = odd.quote;
    rows[3][col("School name")] = odd.newline;
    suppRow = rows.findIndex((r, i) => i > 6 && typeof r[col("Progress 8")] === "number" && (r[col("Progress 8")] as number) < -0.5);
    rows[suppRow][col("Progress 8")] = "SUPP";
    rows[5][col("Overall absence %")] = "NE";
    rows[6][col("Attainment 8")] = "x";
  });

  it("gives the same results as the same values in an .xlsx, re-read with ExcelJS", async () => {
    const csv = at("schools.csv");
    fs.writeFileSync(csv, toCsv(rows, { bom: true }));
    const xlsx = await writeBook(at("schools.xlsx"), { Schools: rows });
    const fromCsv = await runCli([csv, "--sheet", "Schools", "--as-of", "2026-11-20", "--report", at("csv.json")]);
    expect(fromCsv).toMatchObject({ code: 0, err: "" });
    expect(fromCsv.out).toMatch(/400 schools on sheet 'Schools'/);
    expect(fromCsv.out).toContain(`Wrote ${at("schools-categorised.xlsx")}`);
    const fromXlsx = await runCli([xlsx, "--out", at("xlsx-out.xlsx"), "--as-of", "2026-11-20", "--report", at("xlsx.json")]);
    expect(fromXlsx.code).toBe(0);
    const [a, b] = [at("csv.json"), at("xlsx.json")].map((f) => JSON.parse(fs.readFileSync(f, "utf8")));
    expect(a.rows.length).toBe(400);
    expect(a).toEqual(b);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(at("schools-categorised.xlsx"));
    expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([
      ["Schools", "visible"],
      ["Categorisation summary", "visible"],
      ["_categorisation", "veryHidden"],
    ]);
    const ws = wb.getWorksheet("Schools")!;
    const cell = (r: number, h: string) => ws.getCell(r, col(h) + 1).value;
    expect(ws.getRow(1).font?.bold ?? ws.getCell(1, 1).font?.bold).toBe(true);
    expect((ws.getRow(1).values as unknown[]).slice(headers.length + 1, headers.length + 8)).toEqual(["Category", "Rule category", "Triggers", "Escalation", "Next action", "Due", "Reasons"]);
    // Every officer cell as it was: numbers as numbers, markers and other text as text, dates as dates.
    for (let r = 1; r < rows.length; r++) {
      for (let c = 0; c < headers.length; c++) {
        const want = rows[r][c];
        const got = ws.getCell(r + 1, c + 1).value;
        if (want instanceof Date) expect([r, c, got]).toEqual([r, c, want]);
        else expect([r, c, got]).toEqual([r, c, want === "" ? null : want]);
      }
    }
    expect(cell(2, "School name")).toBe(odd.comma);
    expect(cell(3, "School name")).toBe(odd.quote);
    expect(cell(4, "School name")).toBe(odd.newline);
    expect(cell(suppRow + 1, "Progress 8")).toBe("SUPP");
    expect(typeof cell(7, "URN")).toBe("number");
    // Results, fills and the summary, as for any workbook.
    const d = a.rows.find((x: any) => x.band === "D" && !x.moderated);
    const category = ws.getCell(d.row, headers.length + 1);
    expect(category.value).toBe("D High concern");
    expect((category.fill as ExcelJS.FillPattern).fgColor?.argb).toBe("FFFFC7CE");
    const summary = wb.getWorksheet("Categorisation summary")!;
    const bandRow = summary.getRows(1, summary.rowCount)!.find((r) => r.getCell(1).value === "D")!;
    expect(bandRow.getCell(3).value).toBe(a.rows.filter((x: any) => x.band === "D").length);

    // Markers are missing data, never 0 or unreadable text.
    const supp = a.rows.find((x: any) => x.row === suppRow + 1);
    expect(supp.reasons.join("\n")).toMatch(/^Could not be decided for lack of data: .*\(Progress 8 was 'SUPP'\)/m);
    expect(JSON.stringify(supp)).not.toMatch(/Progress 8 [^(]*\(actual 0\)/);
  });

  it("a real DfE/Ofsted CSV (LF, quoted headers, no byte-order mark) with the Warwickshire rules", async () => {
    const csv = at("warwickshire-ofsted-2020.csv");
    fs.copyFileSync(WARKS_CSV, csv);
    const r = await runCli([csv, "--rules", "warwickshire", "--as-of", "2020-09-01", "--quiet"]);
    expect(r).toMatchObject({ code: 0, err: "" });
    const out = at("warwickshire-ofsted-2020-categorised.xlsx");
    expect(r.out).toBe(`\nWrote ${out}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet("warwickshire-ofsted-2020")!;
    expect(ws).toBeDefined();
    const head = (ws.getRow(1).values as unknown[]).slice(1);
    const c = (h: string) => head.indexOf(h) + 1;
    expect(ws.rowCount).toBe(229);
    expect(ws.getCell(2, c("URN")).value).toBe(125500);
    expect(ws.getCell(2, c("Schoolname")).value).toBe("Nursery Hill Primary School");
    expect(ws.getCell(2, c("LSOAcode")).value).toBe("E01031008");
    expect(ws.getCell(2, c("bad_out_chance")).value).toBe(0.287311258410312);
    expect(ws.getCell(2, c("Publicationdate")).value).toEqual(new Date(Date.UTC(2019, 11, 12)));
    expect(ws.getCell(2, c("Publicationdate")).numFmt).toBe("dd/mm/yyyy");
    expect(ws.getCell(2, c("Category")).value).toBe("3C Requires improvement");
    expect(String(ws.getCell(2, c("Reasons")).value)).toContain("Inspection date is on or after 01/09/2012 (actual 12/12/2019)");
    expect(wb.getWorksheet("_categorisation")!.state).toBe("veryHidden");
    // Its output is an ordinary categorised workbook: a re-run on it writes the same results.
    const again = await runCli([out, "--rules", "warwickshire", "--as-of", "2020-09-01", "--quiet", "--out", at("again.xlsx")]);
    expect(again.code).toBe(0);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.readFile(at("again.xlsx"));
    const ws2 = wb2.getWorksheet("warwickshire-ofsted-2020")!;
    expect(ws2.columnCount).toBe(ws.columnCount);
    for (let r = 1; r <= ws.rowCount; r++) expect(ws2.getRow(r).values).toEqual(ws.getRow(r).values);
  });

  it("diff and backtest read a CSV too", async () => {
    const r = await runCli(["diff", "warwickshire", "warwickshire", WARKS_CSV, "--as-of", "2020-09-01"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("228 schools on sheet 'warwickshire-ofsted-2020'");
    expect(r.out).toContain("No school changes band, trigger or stage.");
    const b = await runCli(["backtest", "warwickshire", WARKS_CSV, "--outcome", "Overalleffectiveness", "--baseline", "previousGrade", "--as-of", "2020-09-01"]);
    expect(b.code).toBe(0);
    expect(b.out).toContain("on sheet 'warwickshire-ofsted-2020'");
  });

  it("refuses a .csv output, a bad --sheet and a broken file, in plain words", async () => {
    const csv = at("small.csv");
    fs.copyFileSync(WARKS_CSV, csv);
    const notXlsx = await runCli([csv, "--out", at("out.csv")]);
    expect(notXlsx.code).toBe(2);
    expect(notXlsx.err).toContain("the output of a .csv is a new Excel workbook; give it a name ending .xlsx");
    const badSheet = await runCli([csv, "--sheet", "a/b", "--out", at("bad-sheet.xlsx")]);
    expect(badSheet.code).toBe(2);
    expect(badSheet.err).toContain("--sheet a/b: a sheet name cannot hold");
    const clear = await runCli(["clear", csv]);
    expect(clear.code).toBe(2);
    expect(clear.err).toContain("is a .csv, which holds no results to clear");
    fs.writeFileSync(at("broken.csv"), 'URN,Ofsted grade\n1,"2\n');
    const broken = await runCli([at("broken.csv"), "--out", at("broken.xlsx")]);
    expect(broken).toMatchObject({ code: 1, err: `categorise: ${at("broken.csv")}: a quoted field opened on line 2 is never closed` });
    fs.writeFileSync(at("empty.csv"), "");
    const empty = await runCli([at("empty.csv"), "--out", at("empty.xlsx")]);
    expect(empty.code).toBe(1);
    expect(empty.err.split("\n")).toHaveLength(1);
  });

  it("says so when the file is not UTF-8", async () => {
    const header = "URN,School name,Ofsted grade,Inspection date\n";
    fs.writeFileSync(at("cp1252.csv"), Buffer.concat([Buffer.from(header), Buffer.from([0x31, 0x32, 0x33, 0x2c, 0x43, 0x61, 0x66, 0xe9, 0x2c, 0x32, 0x2c, 0x32, 0x30, 0x31, 0x39, 0x2d, 0x30, 0x31, 0x2d, 0x30, 0x31, 0x0a])]));
    const r = await runCli([at("cp1252.csv"), "--rules", "warwickshire", "--as-of", "2020-09-01", "--quiet"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Note: ${at("cp1252.csv")} is not UTF-8; it was read as Windows-1252`);
  });
});

describe("progress on long runs", () => {
  it("shows nothing for the first 2 seconds, then one line redrawn at most ten times a second, erased at the end", () => {
    let t = 0;
    const written: string[] = [];
    const p = new Progress({ write: (s) => written.push(s), isTTY: true, now: () => t, columns: 60 });
    p.step("Reading big.csv");
    p.step("Categorising");
    t = 1999;
    p.count(500, 24000);
    expect(written).toEqual([]);
    t = 2000;
    p.count(1000, 24000);
    t = 2050;
    p.count(1500, 24000); // too soon to redraw
    t = 2100;
    p.count(24000, 24000);
    expect(written).toEqual(["\rcategorise: Categorising: 1,000 of 24,000 schools (4%), 2 s\x1b[K", "\rcategorise: Categorising: 24,000 of 24,000 schools (100%),…\x1b[K"]);
    p.done();
    expect(written[written.length - 1]).toBe("\r\x1b[K");
    p.done();
    expect(written).toHaveLength(3);
  });

  it("never writes when the stream is not a terminal, and done() erases nothing it did not draw", () => {
    let t = 0;
    const written: string[] = [];
    const p = new Progress({ write: (s) => written.push(s), isTTY: false, now: () => t });
    t = 60_000;
    p.step("Categorising");
    p.count(1, 2);
    p.done();
    const quick = new Progress({ write: (s) => written.push(s), isTTY: true, now: () => 0 });
    quick.step("Categorising");
    quick.done();
    expect(written).toEqual([]);
  });

  it("main(): a run shows its steps on a terminal (isTTY injected), and writes nothing to stderr otherwise", async () => {
    const csv = at("progress.csv");
    fs.copyFileSync(WARKS_CSV, csv);
    for (const isTTY of [true, false]) {
      const progress: string[] = [];
      const [out, err]: string[][] = [[], []];
      const args = [csv, "--rules", "warwickshire", "--as-of", "2020-09-01", "--quiet", "--out", at(`progress-${isTTY}.xlsx`)];
      const code = await main(args, (s) => out.push(s), (s) => err.push(s), { progress: { isTTY, delayMs: 0, write: (s) => progress.push(s) } });
      expect(code).toBe(0);
      expect(err).toEqual([]);
      if (!isTTY) {
        expect(progress).toEqual([]);
        continue;
      }
      const text = progress.join("");
      expect(text).toContain("categorise: Reading progress.csv");
      expect(text).toMatch(/categorise: Categorising: 228 of 228 schools \(100%\)/);
      expect(text).toContain(`categorise: Writing progress-${isTTY}.xlsx`);
      expect(text.endsWith("\r\x1b[K")).toBe(true);
    }
  });

  it("main(): an error erases the progress line before it is printed", async () => {
    const progress: string[] = [];
    const err: string[] = [];
    fs.writeFileSync(at("no-grades.csv"), "URN,School name\n1,A\n");
    const code = await main([at("no-grades.csv"), "--out", at("no-grades.xlsx")], () => undefined, (s) => err.push(`${progress.length}:${s}`), {
      progress: { isTTY: true, delayMs: 0, write: (s) => progress.push(s) },
    });
    expect(code).toBe(1);
    expect(progress[progress.length - 1]).toBe("\r\x1b[K");
    expect(err[0].startsWith(`${progress.length}:categorise: `)).toBe(true);
  });

  const hasScript = spawnSync("script", ["--version"]).status === 0;
  (hasScript ? it : it.skip)("under a pseudo-terminal (script) progress shows; piped, stderr stays empty", () => {
    const csv = at("pty.csv");
    fs.copyFileSync(WARKS_CSV, csv);
    const args = [csv, "--rules", "warwickshire", "--as-of", "2020-09-01", "--quiet", "--out", at("pty.xlsx")];
    const env = { ...process.env, CATEGORISE_PROGRESS_DELAY_MS: "0" };
    const quote = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;
    const pty = spawnSync("script", ["-qec", [process.execPath, BIN, ...args].map(quote).join(" "), "/dev/null"], { encoding: "utf8", env });
    expect(pty.status).toBe(0);
    expect(pty.stdout).toMatch(/\rcategorise: Categorising: 228 of 228 schools \(100%\)/);
    expect(pty.stdout).toContain("Wrote");
    const piped = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", env });
    expect(piped.status).toBe(0);
    expect(piped.stderr).toBe("");
    expect(piped.stdout).toBe(`\nWrote ${at("pty.xlsx")}\n`);
  });
});

describe("bin/categorise.js", () => {
  it("answers --version through the compiled build or tsx alike", () => {
    expect(runBin(["--version"])).toEqual({ code: 0, out: `${VERSION}\n`, err: "" });
    expect(runBin(["--version"], { CATEGORISE_TSX: "1" })).toEqual({ code: 0, out: `${VERSION}\n`, err: "" });
    const typo = runBin(["chek"], { CATEGORISE_TSX: "1" });
    expect(typo.code).toBe(2);
    expect(typo.err).toContain("did you mean 'check'?");
  });

  const compiled = path.join(ROOT, "build/cli/main.js");
  // npm's prepare step builds it; the build may be older than the sources being edited, so only its working is checked.
  (fs.existsSync(compiled) ? it : it.skip)("the build finds the bundled rulesets and its lazily loaded commands", () => {
    const built = spawnSync(process.execPath, [compiled, "check", "warwickshire"], { cwd: dir, encoding: "utf8" });
    expect(built.stderr).toBe("");
    expect(built.stdout).toMatch(/^[✔⚠✘] warwickshire: \d+ errors?, /);
  });

  it("output piped into a reader that stops (| head) ends quietly", () => {
    const r = spawnSync("sh", ["-c", `"${process.execPath}" "${BIN}" --help | head -c 10`], { encoding: "utf8" });
    expect(r.stdout).toBe("categorise");
    expect(r.stderr).toBe("");
  });
});

describe("npm run dev-server: when the certificate cannot be installed", () => {
  const noSudo = new Error("Unable to install the CA certificate. /bin/sh: 1: sudo: not found\n");
  noSudo.stack = `Error: ${noSudo.message}\n    at installCaCertificate (install.js:109:15)`;

  it("says why and what to do, in words, with no stack trace", () => {
    const root = certificateAdvice(noSudo, { platform: "linux", root: true });
    expect(root).toContain("Why: installing it runs sudo, and this machine has no sudo.");
    expect(root).toMatch(/^ {7}mkdir -p \/usr\/local\/share\/ca-certificates\/office-addin-dev-certs$/m);
    expect(root).toMatch(/^ {7}update-ca-certificates$/m);
    expect(root).toContain("npm run dev-server -- --http");
    expect(root).not.toMatch(/^\s+at /m);
    expect(certificateAdvice(noSudo, { platform: "linux", root: false })).toMatch(/^ {7}sudo update-ca-certificates$/m);
  });

  it("fits the platform and the reason", () => {
    const password = new Error("Unable to install the CA certificate. sudo: a terminal is required to read the password");
    expect(certificateAdvice(password, { platform: "darwin", root: false })).toContain("an administrator's password");
    expect(certificateAdvice(password, { platform: "darwin", root: false })).toContain("npx office-addin-dev-certs install and type your password");
    expect(certificateAdvice(new Error("Unable to install the CA certificate. Access is denied."), { platform: "win32", root: false })).toContain("Why: the installer said: Access is denied.");
  });
});
