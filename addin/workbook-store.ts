// The workbook store is shared with the command-line tool; it lives in hosts/.
export * from "../engine/output/run-record";
