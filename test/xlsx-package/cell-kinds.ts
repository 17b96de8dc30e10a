// A workbook with every kind of cell, written by hand: one row per kind, its label in A and the cell
// in B, with what the reader gives and, where ExcelJS + plainValue gives something else, what that is
// and why the reader differs. Then formatting with no values past the end, as far as row 150,000.
import type { CellValue } from "../../hosts/xlsx-package";
import { rawWorkbook, row, type RawWorkbook } from "./raw-workbook";

export interface CellKind {
  label: string;
  /** The attributes of <c> (after r) and its inside. */
  attributes: string;
  inner: string;
  reader: CellValue;
  /** Only where ExcelJS + plainValue differs from the reader. */
  exceljs?: { value: CellValue; why: string };
  note?: "formula-without-value" | "unreadable-value";
}

const utc = (...a: [number, number, number, number?, number?]) => new Date(Date.UTC(a[0], a[1] - 1, a[2], a[3] ?? 0, a[4] ?? 0));

export const SHARED = [
  "<t>Plain shared</t>",
  '<r><rPr><b/></rPr><t>Rich </t></r><r><t>text</t></r><rPh sb="0" eb="1"><t>ふりがな</t></rPh><phoneticPr fontId="0"/>',
  "<t>Line one_x000D_\nLine two</t>",
  "<t>Tom &amp; Jerry &lt;test&gt; &#x41;&#66;</t>",
  '<t xml:space="preserve">  padded  </t>',
  "<t></t>",
  "<t>Ünïcödé — 名前 😀</t>",
  "<t>_x005F_x000D_ stays as typed</t>",
];

/** Cell formats: the index is the s="…" of a cell. */
export const FORMATS = {
  numFmts: { 164: "dd/mm/yyyy", 165: "0.0%", 166: "yyyy-mm-dd hh:mm", 167: '0.0 "days"', 168: "[Red]0.00", 169: '0.0"%"', 170: "[$-809]dd mmmm yyyy;@", 171: "0.0\\k\\m" },
  cellFormats: [
    { numFmtId: 0 }, // 0
    { numFmtId: 14 }, // 1 built-in date
    { numFmtId: 9 }, // 2 0%
    { numFmtId: 10 }, // 3 0.00%
    { numFmtId: 164 }, // 4 dd/mm/yyyy
    { numFmtId: 165 }, // 5 0.0%
    { numFmtId: 166 }, // 6 date and time
    { numFmtId: 20 }, // 7 h:mm
    { numFmtId: 167 }, // 8 "days"
    { numFmtId: 168 }, // 9 [Red]0.00
    { numFmtId: 0, bordered: true }, // 10 a border and nothing else
    { numFmtId: 22 }, // 11 m/d/yy h:mm
    { numFmtId: 45 }, // 12 mm:ss
    { numFmtId: 169 }, // 13 a quoted % sign
    { numFmtId: 170 }, // 14 locale date
    { numFmtId: 171 }, // 15 escaped k and m: kilometres
  ],
};

const EXCELJS_1900 = "ExcelJS counts every serial from 1899-12-30, so before 1 March 1900 it is a day early: it misses Excel's phantom 29 February 1900";

export const KINDS: CellKind[] = [
  { label: "shared string", attributes: ' t="s"', inner: "<v>0</v>", reader: "Plain shared" },
  { label: "rich shared string with a phonetic guide", attributes: ' t="s"', inner: "<v>1</v>", reader: "Rich text" },
  { label: "shared string with an escaped CR", attributes: ' t="s"', inner: "<v>2</v>", reader: "Line one\r\nLine two" },
  { label: "shared string with entities", attributes: ' t="s"', inner: "<v>3</v>", reader: "Tom & Jerry <test> AB" },
  { label: "shared string with spaces kept", attributes: ' t="s"', inner: "<v>4</v>", reader: "  padded  " },
  { label: "empty shared string", attributes: ' t="s"', inner: "<v>5</v>", reader: "" },
  { label: "unicode shared string", attributes: ' t="s" s="10"', inner: "<v>6</v>", reader: "Ünïcödé — 名前 😀" },
  { label: "an escaped underscore", attributes: ' t="s"', inner: "<v>7</v>", reader: "_x000D_ stays as typed" },
  { label: "inline string", attributes: ' t="inlineStr"', inner: "<is><t>Inline text</t></is>", reader: "Inline text" },
  { label: "inline rich string", attributes: ' t="inlineStr"', inner: "<is><r><t>Inline </t></r><r><rPr><i/></rPr><t>rich</t></r></is>", reader: "Inline rich" },
  { label: "str value", attributes: ' t="str"', inner: "<v>Str text</v>", reader: "Str text" },
  { label: "true", attributes: ' t="b"', inner: "<v>1</v>", reader: true },
  { label: "false", attributes: ' t="b"', inner: "<v>0</v>", reader: false },
  { label: "error #N/A", attributes: ' t="e"', inner: "<v>#N/A</v>", reader: "#N/A" },
  { label: "error #DIV/0!", attributes: ' t="e"', inner: "<v>#DIV/0!</v>", reader: "#DIV/0!" },
  { label: "integer", attributes: "", inner: "<v>42</v>", reader: 42 },
  { label: "17-digit decimal", attributes: "", inner: "<v>0.56399999999999995</v>", reader: 0.564 },
  { label: "negative with exponent", attributes: "", inner: "<v>-1.5E-3</v>", reader: -0.0015 },
  { label: "formula with a number", attributes: "", inner: "<f>SUM(1,2)</f><v>3</v>", reader: 3 },
  { label: "formula without a value", attributes: "", inner: "<f>SUM(1,2)</f>", reader: null, note: "formula-without-value" },
  { label: "formula with text", attributes: ' t="str"', inner: '<f>"a"&amp;"b"</f><v>ab</v>', reader: "ab" },
  { label: "formula with a boolean", attributes: ' t="b"', inner: "<f>TRUE()</f><v>1</v>", reader: true },
  { label: "formula with an error", attributes: ' t="e"', inner: "<f>1/0</f><v>#DIV/0!</v>", reader: "#DIV/0!" },
  { label: "formula with a date", attributes: ' s="4"', inner: "<f>DATE(2024,3,1)</f><v>45352</v>", reader: utc(2024, 3, 1) },
  { label: "formula with a percent", attributes: ' s="2"', inner: "<f>0.564</f><v>0.564</v>", reader: "56.4%" },
  { label: "formula giving empty text", attributes: ' t="str"', inner: '<f>""</f><v></v>', reader: null },
  { label: "shared formula, first cell", attributes: "", inner: '<f t="shared" ref="B27:B29" si="0">1+1</f><v>2</v>', reader: 2 },
  { label: "shared formula, another cell", attributes: "", inner: '<f t="shared" si="0"/><v>2</v>', reader: 2 },
  { label: "shared formula without a value", attributes: "", inner: '<f t="shared" si="0"/>', reader: null, note: "formula-without-value" },
  { label: "built-in date (14)", attributes: ' s="1"', inner: "<v>45352</v>", reader: utc(2024, 3, 1) },
  { label: "built-in percent (9)", attributes: ' s="2"', inner: "<v>0.5</v>", reader: "50%" },
  { label: "built-in percent (10)", attributes: ' s="3"', inner: "<v>0.0564</v>", reader: "5.64%" },
  { label: "custom date", attributes: ' s="4"', inner: "<v>45352</v>", reader: utc(2024, 3, 1) },
  { label: "custom percent", attributes: ' s="5"', inner: "<v>0.1234</v>", reader: "12.34%" },
  { label: "custom date and time", attributes: ' s="6"', inner: "<v>45352.75</v>", reader: utc(2024, 3, 1, 18) },
  { label: "built-in date and time (22)", attributes: ' s="11"', inner: "<v>45352.25</v>", reader: utc(2024, 3, 1, 6) },
  { label: "built-in minutes and seconds (45)", attributes: ' s="12"', inner: "<v>100.5</v>", reader: utc(1900, 4, 9, 12) },
  { label: "locale date", attributes: ' s="14"', inner: "<v>45352</v>", reader: utc(2024, 3, 1) },
  { label: "days (not a date)", attributes: ' s="8"', inner: "<v>12</v>", reader: 12 },
  { label: "[Red]0.00 (not a date)", attributes: ' s="9"', inner: "<v>3.5</v>", reader: 3.5 },
  { label: "1 March 1900", attributes: ' s="4"', inner: "<v>61</v>", reader: utc(1900, 3, 1) },
  { label: "1 January 1900", attributes: ' s="4"', inner: "<v>1</v>", reader: utc(1900, 1, 1), exceljs: { value: utc(1899, 12, 31), why: EXCELJS_1900 } },
  { label: "28 February 1900", attributes: ' s="4"', inner: "<v>59</v>", reader: utc(1900, 2, 28), exceljs: { value: utc(1900, 2, 27), why: EXCELJS_1900 } },
  {
    label: "a time of day (h:mm)",
    attributes: ' s="7"',
    inner: "<v>0.5</v>",
    reader: utc(1899, 12, 31, 12),
    exceljs: { value: utc(1899, 12, 30, 12), why: `day 0 is the day before 1 January 1900 in Excel; ${EXCELJS_1900}` },
  },
  { label: "a quoted % sign", attributes: ' s="13"', inner: "<v>5</v>", reader: 5, exceljs: { value: "500%", why: 'plainValue takes any % for a percentage; a quoted "%" is only text, so Excel shows 5.0%, not 500%' } },
  {
    label: "kilometres (escaped k and m)",
    attributes: ' s="15"',
    inner: "<v>12.5</v>",
    reader: 12.5,
    exceljs: { value: new Date(Math.round((12.5 - 25569) * 86400000)), why: "ExcelJS takes the escaped \\m for months; Excel shows 12.5km" },
  },
  { label: "ISO date cell (t=d)", attributes: ' t="d"', inner: "<v>2024-03-01T00:00:00</v>", reader: utc(2024, 3, 1), exceljs: { value: 2024, why: "ExcelJS reads an ISO date cell as a number, with parseFloat" } },
  { label: "a number with no style", attributes: ' s="0"', inner: "<v>7</v>", reader: 7 },
  {
    label: "str value with an escaped entity",
    attributes: ' t="str"',
    inner: "<v>AT&amp;amp;T</v>",
    reader: "AT&amp;T",
    exceljs: { value: "AT&T", why: "ExcelJS decodes XML entities a second time in str values" },
  },
  { label: "hyperlinked text", attributes: ' t="inlineStr"', inner: "<is><t>Ofsted report</t></is>", reader: "Ofsted report" },
  {
    label: "hyperlinked number",
    attributes: "",
    inner: "<v>124001</v>",
    reader: 124001,
    exceljs: { value: "124001", why: "ExcelJS makes a hyperlinked cell { text, hyperlink }, and plainValue takes String(text)" },
  },
];

const HYPERLINKED = ["hyperlinked text", "hyperlinked number"];

/** The row of each kind: row 1 holds the first. */
export const KIND_ROW = (label: string) => KINDS.findIndex((k) => k.label === label) + 1;

export function cellKindsBook(): RawWorkbook {
  const rows = KINDS.map((k, i) => {
    const r = i + 1;
    const cells: [string, string, string][] = [
      [`A${r}`, ' t="inlineStr"', `<is><t>${k.label.replace(/&/g, "&amp;")}</t></is>`],
      [`B${r}`, k.attributes, k.inner],
    ];
    if (r <= 5) cells.push([`C${r}`, ' s="10"', ""]); // bordered, empty
    return row(r, cells);
  });
  const trailing = [
    row(60, [["A60", ' s="10"', ""], ["B60", ' s="10"', ""]], ' s="10" customFormat="1"'),
    row(150000, [["B150000", ' s="10"', ""], ["E150000", ' s="10"', ""]]),
    row(150001, [], ' s="10" customFormat="1"'),
    row(151000, [["F151000", "", "<f>A1</f>"]]),
  ];
  return {
    sheets: [
      {
        name: "Kinds",
        sheetData: rows.join("") + trailing.join(""),
        after: `<mergeCells count="1"><mergeCell ref="D70:E71"/></mergeCells><hyperlinks>${HYPERLINKED.map((label, i) => `<hyperlink ref="B${KIND_ROW(label)}" r:id="rIdLink${i}"/>`).join("")}</hyperlinks>`,
        externalRels: HYPERLINKED.map((_, i) => [`rIdLink${i}`, "hyperlink", `https://reports.ofsted.gov.uk/provider/21/${124001 + i}`]),
      },
    ],
    sharedStrings: SHARED,
    ...FORMATS,
  };
}

export const cellKindsWorkbook = () => rawWorkbook(cellKindsBook());

/** A 1904 workbook: serial n is n days after 1 January 1904. */
export const DATES_1904: [number, Date][] = [
  [0, utc(1904, 1, 1)],
  [1, utc(1904, 1, 2)],
  [59, utc(1904, 2, 29)],
  [42369, utc(2020, 1, 1)],
  [43890.5, utc(2024, 3, 1, 12)],
];

export function workbook1904(): Uint8Array {
  return rawWorkbook({
    date1904: true,
    sheets: [{ name: "Dates", sheetData: DATES_1904.map(([serial], i) => row(i + 1, [[`A${i + 1}`, "", `<v>${serial}</v>`], [`B${i + 1}`, ' s="1"', `<v>${serial}</v>`]])).join("") }],
    numFmts: { 164: "dd/mm/yyyy hh:mm" },
    cellFormats: [{ numFmtId: 0 }, { numFmtId: 164 }],
  });
}
