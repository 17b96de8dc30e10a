// Writes a zip archive: entries kept from the source are copied compressed, byte for byte; new or
// changed contents are deflated (part-deflate.ts), unless they come deflated already.
import { PackageError } from "./package-error";
import { deflatePieces, type DeflatedPart } from "./part-deflate";
import type { ZipEntry } from "./zip-read";

/** An entry of the archive being written: copied from the source archive, new bytes (in pieces), or new bytes deflated. */
export type OutputEntry = { copy: ZipEntry } | { name: string; data: Uint8Array | Uint8Array[] } | { name: string; deflated: DeflatedPart };

/** 1980-01-01 00:00, the date Excel gives every part; it keeps the output the same run to run. */
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const UTF8_NAME = 1 << 11;
const encoder = new TextEncoder();

interface Prepared {
  e: Omit<ZipEntry, "dataStart" | "name">;
  data: Uint8Array[];
}

function prepare(entry: OutputEntry, source: Uint8Array): Prepared {
  if ("copy" in entry) {
    const e = entry.copy;
    // Sizes go in the local header, so no data descriptor follows the data (flag bit 3 off).
    return { e: { ...e, flags: e.flags & ~8 }, data: [source.subarray(e.dataStart, e.dataStart + e.compressedSize)] };
  }
  const nameBytes = encoder.encode(entry.name);
  const { data, crc, size } = "deflated" in entry ? entry.deflated : deflatePieces(Array.isArray(entry.data) ? entry.data : [entry.data]);
  return {
    e: {
      nameBytes,
      versionMadeBy: 20,
      versionNeeded: 20,
      flags: nameBytes.length !== entry.name.length ? UTF8_NAME : 0,
      method: 8,
      time: 0,
      date: DOS_DATE,
      crc,
      compressedSize: data.reduce((n, d) => n + d.length, 0),
      size,
      internalAttributes: 0,
      externalAttributes: 0,
    },
    data,
  };
}

export function writeZip(source: Uint8Array, entries: OutputEntry[]): Uint8Array {
  const items = entries.map((x) => prepare(x, source));
  const localSize = items.reduce((n, { e }) => n + 30 + e.nameBytes.length + e.compressedSize, 0);
  const centralSize = items.reduce((n, { e }) => n + 46 + e.nameBytes.length, 0);
  if (localSize + centralSize > 0xfffffff0 || items.length > 0xfffe) {
    throw new PackageError("The workbook is too large to write (over 4 GB or 65,000 parts).");
  }
  const out = new Uint8Array(localSize + centralSize + 22);
  const view = new DataView(out.buffer);
  const offsets: number[] = [];
  let p = 0;
  for (const { e, data } of items) {
    offsets.push(p);
    view.setUint32(p, 0x04034b50, true);
    view.setUint16(p + 4, e.versionNeeded, true);
    view.setUint16(p + 6, e.flags, true);
    view.setUint16(p + 8, e.method, true);
    view.setUint16(p + 10, e.time, true);
    view.setUint16(p + 12, e.date, true);
    view.setUint32(p + 14, e.crc, true);
    view.setUint32(p + 18, e.compressedSize, true);
    view.setUint32(p + 22, e.size, true);
    view.setUint16(p + 26, e.nameBytes.length, true);
    view.setUint16(p + 28, 0, true);
    out.set(e.nameBytes, p + 30);
    p += 30 + e.nameBytes.length;
    for (const piece of data) {
      out.set(piece, p);
      p += piece.length;
    }
  }
  const centralStart = p;
  items.forEach(({ e }, i) => {
    view.setUint32(p, 0x02014b50, true);
    view.setUint16(p + 4, e.versionMadeBy, true);
    view.setUint16(p + 6, e.versionNeeded, true);
    view.setUint16(p + 8, e.flags, true);
    view.setUint16(p + 10, e.method, true);
    view.setUint16(p + 12, e.time, true);
    view.setUint16(p + 14, e.date, true);
    view.setUint32(p + 16, e.crc, true);
    view.setUint32(p + 20, e.compressedSize, true);
    view.setUint32(p + 24, e.size, true);
    view.setUint16(p + 28, e.nameBytes.length, true);
    // extra field, comment, disk number: none
    view.setUint16(p + 36, e.internalAttributes, true);
    view.setUint32(p + 38, e.externalAttributes, true);
    view.setUint32(p + 42, offsets[i], true);
    out.set(e.nameBytes, p + 46);
    p += 46 + e.nameBytes.length;
  });
  view.setUint32(p, 0x06054b50, true);
  view.setUint16(p + 8, items.length, true);
  view.setUint16(p + 10, items.length, true);
  view.setUint32(p + 12, p - centralStart, true);
  view.setUint32(p + 16, centralStart, true);
  return out;
}
