// The workbook store is shared with the command-line tool; it lives in hosts/.
export * from "../hosts/workbook-store";
