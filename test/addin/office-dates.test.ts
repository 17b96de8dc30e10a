// Dates inside Excel: a 1904 workbook's serial numbers are read in the 1904 system when Excel says
// so (ExcelApi 1.16), and in the 1900 system otherwise.
import { FakeExcel } from "./fake-excel";
import { readWorkbook } from "../../hosts/office";
import { fromOffice, serialToDate } from "../../hosts/office/office-values";

const g = globalThis as { Office?: unknown };

afterEach(() => delete g.Office);

function book(date1904: boolean | undefined) {
  const xl = new FakeExcel();
  xl.addSheet("Schools").put(0, 0, [["URN", "Inspection date"], [100001, 43000]], [undefined, "dd/mm/yyyy"]);
  if (date1904 !== undefined) {
    g.Office = { context: { requirements: { isSetSupported: (set: string, version: string) => set === "ExcelApi" && version === "1.16" } } };
    Object.assign(xl.context.workbook, { use1904DateSystem: date1904, load: () => undefined });
  }
  return xl;
}

test("serial numbers in each date system", () => {
  expect(serialToDate(43000)).toEqual(new Date(Date.UTC(2017, 8, 22)));
  expect(serialToDate(43000, true)).toEqual(new Date(Date.UTC(2021, 8, 23)));
  expect(fromOffice(0, "dd/mm/yyyy", true)).toEqual(new Date(Date.UTC(1904, 0, 1)));
});

test.each([
  ["a 1904 workbook, as Excel says", true, new Date(Date.UTC(2021, 8, 23))],
  ["a 1900 workbook, as Excel says", false, new Date(Date.UTC(2017, 8, 22))],
  ["an Excel that cannot say (the 1900 default)", undefined, new Date(Date.UTC(2017, 8, 22))],
])("%s", async (_label, date1904, expected) => {
  const xl = book(date1904);
  const read = await readWorkbook(xl.context, { kind: "sheet", sheet: "Schools" });
  expect(read.source.readSheet("Schools")!.rows[0][1]).toEqual(expected);
});
