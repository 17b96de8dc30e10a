// The file offered for download outside Office: its name and type (an .xlsm keeps its macros).
const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const XLSM_TYPE = "application/vnd.ms-excel.sheet.macroEnabled.12";

const macroEnabled = (fileName: string) => /\.xlsm$/i.test(fileName);

export const downloadType = (fileName: string) => (macroEnabled(fileName) ? XLSM_TYPE : XLSX_TYPE);

/** "book.xlsx" -> "book-categorised.xlsx", "book.xlsm" -> "book-categorised.xlsm". */
export const downloadName = (fileName: string) => fileName.replace(/\.xls[xm]$/i, "") + "-categorised" + (macroEnabled(fileName) ? ".xlsm" : ".xlsx");
