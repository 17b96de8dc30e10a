// Office.js as the pane meets it inside Excel, for the browser tests: the fake Excel of the adapter
// tests (test/addin/fake-excel.ts) bundled for the page, holding the cells the test hands over in
// window.__fakeWorkbook. The test serves this bundle in place of Microsoft's office.js; it keeps the
// workbook in window.__xl so the test can type into it as an officer would.
import { FakeExcel } from "../addin/fake-excel";

interface SentSheet {
  name: string;
  cells: [row: number, column: number, value: string | number | boolean, format: string][];
}
const page = window as unknown as { __fakeWorkbook: SentSheet[]; __xl: FakeExcel; Excel: unknown; Office: unknown };

const xl = new FakeExcel();
for (const s of page.__fakeWorkbook) {
  const sheet = xl.addSheet(s.name);
  for (const [r, c, value, format] of s.cells) sheet.edit(r, c, (x) => ((x.value = value), (x.format = format)));
}
page.__xl = xl;
page.Excel = {
  run: (a: unknown, b?: unknown) => (typeof a === "function" ? a(xl.context) : (b as (c: unknown) => unknown)(xl.context)),
};
page.Office = {
  HostType: { Excel: "Excel" },
  context: { requirements: { isSetSupported: () => false } },
  onReady(cb?: (info: { host: string; platform: string }) => void) {
    const info = { host: "Excel", platform: "OfficeOnline" };
    return Promise.resolve(info).then(() => (cb?.(info), info));
  },
};
