// The command-line tool and the cells right of the officer's table: officer data where the results
// would go stops the run with nothing written; an earlier results block is overwritten; officer
// cells only ever take a trigger fill, never a font. Real .xlsx files, written and re-read with ExcelJS.
import * as fs from "fs";
import * as path from "path";
import * as crypto from "crypto";
import { isDeepStrictEqual } from "util";
import ExcelJS from "exceljs";
import { columnLetter } from "../engine";
import { runCli, rulesVariant, tempDir, STAFFS_BOOK } from "./helpers/cli";

const dir = tempDir("results-area-");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const AS_OF = "2026-11-20";
const WIDTH = 31; // the example's officer columns, A to AE
const hash = (f: string) => crypto.createHash("sha256").update(fs.readFileSync(f)).digest("hex");
const file = (name: string) => path.join(dir, name);
// A cell that gains a fill gains an explicit style record, which ExcelJS reads back with the
// workbook's default font: the same font as none at all.
const DEFAULT_FONT = { name: "Calibri", size: 11, family: 2, scheme: "minor", color: { theme: 1 } };
const fontOf = (cell: ExcelJS.Cell) => (!cell.font || isDeepStrictEqual({ ...cell.font }, DEFAULT_FONT) ? null : cell.font);

async function read(f: string): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(f);
  return wb.getWorksheet("Schools")!;
}

/** A copy of a workbook with the Schools sheet changed by edit. */
async function edited(name: string, edit: (ws: ExcelJS.Worksheet) => void, from = STAFFS_BOOK): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(from);
  edit(wb.getWorksheet("Schools")!);
  await wb.xlsx.writeFile(file(name));
  return file(name);
}

/** Runs the tool expecting it to refuse: exit 1, the message, no output file, input unchanged. */
async function expectRefusal(input: string, args: string[], message: RegExp) {
  const before = hash(input);
  const out = file(`refused-${path.basename(input)}`);
  const run = await runCli([input, "--out", out, "--as-of", AS_OF, "--quiet", ...args]);
  expect(run).toMatchObject({ code: 1, err: expect.stringMatching(message) });
  expect(run.err).toMatch(/No output file was written/);
  expect(fs.existsSync(out)).toBe(false);
  expect(hash(input)).toBe(before);
}

describe("officer data where the results would go", () => {
  it("refuses a headerless note column right of the table, naming the sheet, column and cell", async () => {
    const first = columnLetter(WIDTH + 1);
    const next = await edited("note-next.xlsx", (ws) => void (ws.getCell(`${first}5`).value = "ring the head"));
    await expectRefusal(next, [], new RegExp(`Column ${first} on 'Schools' holds the officer's data \\(cell ${first}5\\)`));
    // Further right, still inside the seven results columns.
    const fourth = columnLetter(WIDTH + 4);
    const further = await edited("note-further.xlsx", (ws) => void (ws.getCell(`${fourth}30`).value = 42));
    await expectRefusal(further, [], new RegExp(`Column ${fourth} on 'Schools' .*cell ${fourth}30`));
  });

  it("overwrites its own earlier results, leaving a note beyond them, but refuses a ruleset whose results reach the note", async () => {
    const first = file("first.xlsx");
    expect((await runCli([STAFFS_BOOK, "--out", first, "--as-of", AS_OF, "--quiet"])).code).toBe(0);
    const beside = columnLetter(WIDTH + 8); // right after the seven results columns
    const noted = await edited("noted.xlsx", (ws) => void (ws.getCell(`${beside}12`).value = "visit booked"), first);

    // Same ruleset: the earlier block is ours, the note is outside it.
    const again = file("again.xlsx");
    const before = hash(noted);
    expect((await runCli([noted, "--out", again, "--as-of", AS_OF, "--quiet"])).code).toBe(0);
    expect(hash(noted)).toBe(before);
    const [p, q] = [await read(first), await read(again)];
    expect(q.getCell(`${beside}12`).value).toBe("visit booked");
    for (let r = 1; r <= p.rowCount; r++) {
      for (let c = 1; c <= WIDTH + 7; c++) expect([r, c, q.getCell(r, c).value]).toEqual([r, c, p.getCell(r, c).value]);
    }

    // A ruleset with one more results column would write over the note.
    const funding = rulesVariant(dir, "funding.json", (r) => {
      r.outputs = [{ id: "funding", header: "Funding £", kind: "perPupil", pupils: "pupils", rates: { A: 10, B: 20, C: 30, D: 40 } }];
    });
    await expectRefusal(noted, ["--rules", funding], new RegExp(`Column ${beside} on 'Schools' holds the officer's data \\(cell ${beside}12\\)`));
  });
});

describe("styles", () => {
  it("gives officer cells only a trigger fill, never the severity's font or bold; results cells the whole style", async () => {
    const rules = rulesVariant(dir, "loud.json", (r) => {
      for (const s of Object.values<any>(r.styles.severities)) Object.assign(s, { font: "#9C0006", bold: true });
    });
    // Officer fonts to keep: the budget column in blue italics, every other cell as the example has it.
    const input = await edited("fonts.xlsx", (ws) => {
      for (let r = 2; r <= ws.rowCount; r++) ws.getCell(r, 29).font = { italic: true, color: { argb: "FF1F4E79" } };
    });
    const out = file("fonts-out.xlsx");
    expect((await runCli([input, "--rules", rules, "--out", out, "--as-of", AS_OF, "--quiet"])).code).toBe(0);

    const [a, b] = [await read(input), await read(out)];
    let filled = 0;
    for (let r = 1; r <= a.rowCount; r++) {
      for (let c = 1; c <= WIDTH; c++) {
        expect([r, c, fontOf(b.getCell(r, c))]).toEqual([r, c, fontOf(a.getCell(r, c))]);
        expect([r, c, b.getCell(r, c).value]).toEqual([r, c, a.getCell(r, c).value]);
        const fill = b.getCell(r, c).fill as ExcelJS.FillPattern | undefined;
        if (r > 1 && fill?.fgColor?.argb && fill.fgColor.argb !== (a.getCell(r, c).fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb) filled++;
      }
    }
    expect(filled).toBeGreaterThan(0); // triggers did highlight officer cells
    // The Triggers results cell of a row with a trigger takes the font and bold.
    const triggers = WIDTH + 3;
    const row = Array.from({ length: b.rowCount - 1 }, (_, i) => i + 2).find((r) => b.getCell(r, triggers).value)!;
    expect(b.getCell(row, triggers).font).toMatchObject({ bold: true, color: { argb: "FF9C0006" } });
  });
});
