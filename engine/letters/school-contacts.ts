// The people a letter is addressed to and names, from the officer's own columns: head teacher,
// chair of governors and link officer(s). Rulesets do not need these, so they are found here by
// header, as Get Information About Schools and councils' own lists write them.
import type { SheetData } from "../workbook";
import { normaliseHeader } from "../read/headers";

export type ContactField = "headTeacher" | "chairOfGovernors" | "linkOfficers";

export const CONTACT_HEADERS: Record<ContactField, string[]> = {
  headTeacher: ["Head teacher", "Headteacher", "Head teacher name", "Headteacher name", "Head", "Principal", "Head of school", "Executive head teacher"],
  chairOfGovernors: ["Chair of governors", "Chair of the governing body", "Chair of governing body", "Chair", "Chair of governors name", "Chair of trustees"],
  linkOfficers: ["Link officer", "Link officers", "Link officer(s)", "Link adviser", "Link advisers", "Link advisor", "School improvement adviser", "School improvement officer", "SIA"],
};

/** GIAS gives the head's name in three columns. */
const GIAS_HEAD = ["HeadTitle (name)", "HeadFirstName", "HeadLastName"];

export interface ContactColumns {
  /** 0-based columns of the sheet holding each contact (three for a GIAS head's name). */
  columns: Partial<Record<ContactField, number[]>>;
  /** The header each was found under, for messages. */
  headers: Partial<Record<ContactField, string>>;
}

export function findContactColumns(sheet: SheetData): ContactColumns {
  const byHeader = new Map<string, number>();
  sheet.headers.forEach((h, c) => {
    const k = normaliseHeader(h);
    if (k && !byHeader.has(k)) byHeader.set(k, c);
  });
  const found: ContactColumns = { columns: {}, headers: {} };
  for (const field of Object.keys(CONTACT_HEADERS) as ContactField[]) {
    const c = CONTACT_HEADERS[field].map((h) => byHeader.get(normaliseHeader(h))).find((x) => x !== undefined);
    if (c !== undefined) {
      found.columns[field] = [c];
      found.headers[field] = sheet.headers[c];
    }
  }
  if (!found.columns.headTeacher) {
    const gias = GIAS_HEAD.map((h) => byHeader.get(normaliseHeader(h)));
    if (gias[1] !== undefined && gias[2] !== undefined) {
      found.columns.headTeacher = gias.filter((c): c is number => c !== undefined);
      found.headers.headTeacher = "HeadFirstName and HeadLastName";
    }
  }
  return found;
}

/** A contact's text on a sheet row (1-based), or null when blank. */
export function contactOn(sheet: SheetData, row: number, columns: number[] | undefined): string | null {
  const cells = sheet.rows[row - sheet.headerRow - 1];
  if (!columns || !cells) return null;
  const text = columns
    .map((c) => cells[c])
    .filter((v) => v !== null && v !== undefined && String(v).trim() !== "")
    .map((v) => String(v).trim())
    .join(" ");
  return text || null;
}
