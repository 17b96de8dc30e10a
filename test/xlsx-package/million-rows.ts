// A sheet of all 1,048,576 rows x 3 small columns, built here and read with readWorkbookValues; prints
// what it found, how long the read took and the memory it held, as JSON. million-rows.test.ts runs
// it in a process of its own with a 4 GB heap. Run: node --max-old-space-size=4096 --import tsx test/xlsx-package/million-rows.ts
import { strToU8, zipSync, type Zippable } from "fflate";
import { readWorkbookValues } from "../../hosts/xlsx-package";
import { rawWorkbookParts } from "./raw-workbook";

const ROWS = 1048576;
const NAMES = Array.from({ length: 100 }, (_, i) => `School ${i}`);

function sheetXml(): Uint8Array {
  const pieces: Uint8Array[] = [strToU8('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')];
  pieces.push(strToU8('<row r="1"><c r="A1" t="s"><v>100</v></c><c r="B1" t="s"><v>101</v></c><c r="C1" t="s"><v>102</v></c></row>'));
  for (let start = 2; start <= ROWS; start += 10000) {
    let s = "";
    for (let r = start; r < start + 10000 && r <= ROWS; r++) s += `<row r="${r}"><c r="A${r}"><v>${r}</v></c><c r="B${r}" t="s"><v>${r % 100}</v></c><c r="C${r}"><v>${((r * 7) % 1000) / 10}</v></c></row>`;
    pieces.push(strToU8(s));
  }
  pieces.push(strToU8("</sheetData></worksheet>"));
  const out = new Uint8Array(pieces.reduce((n, p) => n + p.length, 0));
  let p = 0;
  for (const piece of pieces) {
    out.set(piece, p);
    p += piece.length;
  }
  return out;
}

function main() {
  let t = performance.now();
  const parts = rawWorkbookParts({ sheets: [{ name: "Schools", sheetData: "" }], sharedStrings: [...NAMES, "URN", "Name", "Score"].map((s) => `<t>${s}</t>`) });
  const files: Zippable = {};
  for (const [name, text] of Object.entries(parts)) files[name] = strToU8(text);
  const sheet = sheetXml();
  files["xl/worksheets/sheet1.xml"] = [sheet, { level: 1 }];
  const bytes = zipSync(files);
  const buildMs = performance.now() - t;

  t = performance.now();
  const grid = readWorkbookValues(bytes).sheets.get("Schools")!;
  const readMs = performance.now() - t;
  const memory = process.memoryUsage();
  console.log(
    JSON.stringify({
      fileMB: bytes.length / 1e6,
      sheetMB: sheet.length / 1e6,
      buildMs: Math.round(buildMs),
      readMs: Math.round(readMs),
      heapUsedMB: Math.round(memory.heapUsed / 1e6),
      rssMB: Math.round(memory.rss / 1e6),
      firstRow: grid.firstRow,
      rows: grid.rows.length,
      width: grid.rows[0].length,
      head: grid.rows.slice(0, 3),
      last: grid.rows[grid.rows.length - 1],
    }),
  );
}

main();
