// The <cols> element: column ranges (<col min max …>) with widths and styles. Setting a width splits
// a range around the column, keeping its other attributes; neighbours left alike are merged again.
import type { ColumnWidth } from "./types";
import { openTag } from "./xml-escape";

export interface ColumnRange {
  min: number;
  max: number;
  /** Every attribute but min and max, in document order. */
  attributes: Record<string, string>;
}

export function columnRange(attributes: Record<string, string>): ColumnRange {
  const { min, max, ...rest } = attributes;
  return { min: Number(min), max: Number(max ?? min), attributes: rest };
}

const sameAttributes = (a: Record<string, string>, b: Record<string, string>) => {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
};

/** The ranges with the widths set. */
export function withWidths(ranges: ColumnRange[], widths: ColumnWidth[]): ColumnRange[] {
  let out = [...ranges].sort((a, b) => a.min - b.min);
  for (const { column, width } of widths) {
    const i = out.findIndex((r) => r.min <= column && column <= r.max);
    const r = i >= 0 ? out[i] : { min: column, max: column, attributes: {} };
    const pieces: ColumnRange[] = [];
    if (r.min < column) pieces.push({ ...r, max: column - 1 });
    pieces.push({ min: column, max: column, attributes: { ...r.attributes, width: String(width), customWidth: "1" } });
    if (column < r.max) pieces.push({ ...r, min: column + 1 });
    if (i >= 0) out.splice(i, 1, ...pieces);
    else out = [...out, ...pieces].sort((a, b) => a.min - b.min);
  }
  const merged: ColumnRange[] = [];
  for (const r of out) {
    const last = merged[merged.length - 1];
    if (last && last.max + 1 === r.min && sameAttributes(last.attributes, r.attributes)) last.max = r.max;
    else merged.push({ ...r });
  }
  return merged;
}

/** <cols> text for the ranges; p is the sheet's element prefix. */
export function colsXml(p: string, ranges: ColumnRange[]): string {
  const cols = ranges.map((r) => openTag(`${p}col`, { min: String(r.min), max: String(r.max), ...r.attributes }, true));
  return `<${p}cols>${cols.join("")}</${p}cols>`;
}

/** The style index of a column from its range (0 when none), for cells created in it. */
export function columnStyle(ranges: ColumnRange[], column: number): number {
  const r = ranges.find((x) => x.min <= column && column <= x.max);
  return Number(r?.attributes.style ?? 0);
}
