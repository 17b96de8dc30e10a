// A real workbook (read with ExcelJS) in the fake Excel, as Office would hold it: values with dates
// as serial numbers, number formats, and solid fills.
import type ExcelJS from "exceljs";
import { FakeExcel } from "./fake-excel";
import { dateToSerial } from "../../hosts/office/office-values";

export function fakeExcelFrom(wb: ExcelJS.Workbook): FakeExcel {
  const xl = new FakeExcel();
  for (const ws of wb.worksheets) {
    const sheet = xl.addSheet(ws.name);
    ws.eachRow((row, r) =>
      row.eachCell((cell, c) => {
        let v = cell.value as unknown;
        if (v && typeof v === "object" && "result" in (v as object)) v = (v as { result: unknown }).result;
        sheet.edit(r - 1, c - 1, (x) => {
          x.value = v instanceof Date ? dateToSerial(v) : ((v as string | number | boolean | null) ?? "");
          x.format = v instanceof Date ? cell.numFmt || "dd/mm/yyyy" : cell.numFmt || "General";
          const fill = cell.style?.fill;
          if (fill?.type === "pattern" && fill.pattern === "solid") x.fill = { color: "#" + String(fill.fgColor?.argb ?? "FFFFFFFF").slice(2), pattern: "Solid", patternColor: null };
        });
      }),
    );
  }
  return xl;
}
