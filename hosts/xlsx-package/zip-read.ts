// Reads a zip archive's central directory; entries are inflated only when asked for, and an entry
// left unchanged is later copied compressed, byte for byte (zip-write.ts).
import { PackageError } from "./package-error";
import { checkPartSize } from "./part-limits";
import { inflateWhole, streamPart } from "./part-stream";

/** One file in the archive, as its central directory describes it. */
export interface ZipEntry {
  name: string;
  nameBytes: Uint8Array;
  versionMadeBy: number;
  versionNeeded: number;
  flags: number;
  method: number;
  time: number;
  date: number;
  crc: number;
  compressedSize: number;
  size: number;
  internalAttributes: number;
  externalAttributes: number;
  /** Offset of the compressed data in the archive. */
  dataStart: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** The start of an OLE compound file: an old .xls, or an Office file protected with a password. */
const COMPOUND_FILE = [0xd0, 0xcf, 0x11, 0xe0];

const u16 = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8);
const u32 = (b: Uint8Array, i: number) => (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16)) + b[i + 3] * 0x1000000;
const u64 = (b: Uint8Array, i: number) => u32(b, i) + u32(b, i + 4) * 0x100000000;
const utf8 = new TextDecoder("utf-8");

function findEndOfCentralDirectory(b: Uint8Array): number {
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 0xffff); i--) {
    if (u32(b, i) === EOCD) return i;
  }
  if (COMPOUND_FILE.every((v, i) => b[i] === v)) {
    throw new PackageError("This file is an old .xls workbook or a password-protected one. Open it in Excel, remove any password (File > Info > Protect Workbook), save it as an Excel Workbook (.xlsx) and try again.");
  }
  if (b.length >= 4 && u32(b, 0) === LOCAL) throw new PackageError("The workbook file is incomplete: it may not have finished downloading or copying. Fetch it again and try again.");
  throw PackageError.notAWorkbook();
}

/** The entries of a zip archive, in central-directory order. */
export function readZip(b: Uint8Array): ZipEntry[] {
  const eocd = findEndOfCentralDirectory(b);
  let count = u16(b, eocd + 10);
  let offset = u32(b, eocd + 16);
  if ((count === 0xffff || offset === 0xffffffff) && eocd >= 20 && u32(b, eocd - 20) === ZIP64_LOCATOR) {
    const z = u64(b, eocd - 12);
    if (u32(b, z) !== ZIP64_EOCD) throw PackageError.damaged("zip64 directory");
    count = u64(b, z + 32);
    offset = u64(b, z + 48);
  }
  const entries: ZipEntry[] = [];
  for (let i = 0, p = offset; i < count; i++) {
    if (p + 46 > b.length || u32(b, p) !== CENTRAL) throw PackageError.damaged("zip directory");
    const nameLength = u16(b, p + 28);
    const extraLength = u16(b, p + 30);
    const nameBytes = b.subarray(p + 46, p + 46 + nameLength);
    let compressedSize = u32(b, p + 20);
    let size = u32(b, p + 24);
    let local = u32(b, p + 42);
    readZip64Extra(b, p + 46 + nameLength, extraLength, (v) => {
      if (size === 0xffffffff) size = v;
      else if (compressedSize === 0xffffffff) compressedSize = v;
      else if (local === 0xffffffff) local = v;
    });
    if (u32(b, local) !== LOCAL) throw PackageError.damaged("zip entry header");
    const flags = u16(b, p + 8);
    entries.push({
      name: utf8.decode(nameBytes),
      nameBytes,
      versionMadeBy: u16(b, p + 4),
      versionNeeded: u16(b, p + 6),
      flags,
      method: u16(b, p + 10),
      time: u16(b, p + 12),
      date: u16(b, p + 14),
      crc: u32(b, p + 16),
      compressedSize,
      size,
      internalAttributes: u16(b, p + 36),
      externalAttributes: u32(b, p + 38),
      dataStart: local + 30 + u16(b, local + 26) + u16(b, local + 28),
    });
    if (flags & 1) throw new PackageError("This workbook's contents are encrypted. Save a copy without a password and try again.");
    p += 46 + nameLength + extraLength + u16(b, p + 32);
  }
  return entries;
}

/** Calls take() with each 64-bit value of a zip64 extra field, in the order the format lists them. */
function readZip64Extra(b: Uint8Array, start: number, length: number, take: (v: number) => void) {
  for (let p = start; p + 4 <= start + length; ) {
    const id = u16(b, p);
    const size = u16(b, p + 2);
    if (id === 1) for (let q = p + 4; q + 8 <= p + 4 + size; q += 8) take(u64(b, q));
    p += 4 + size;
  }
}

/**
 * The uncompressed bytes of an entry. A part beyond the size limits is refused before inflating, and
 * one that expands past its declared size is stopped there (part-stream.ts).
 */
export function entryBytes(archive: Uint8Array, e: ZipEntry): Uint8Array {
  checkPartSize(e);
  if (e.method === 0) return archive.subarray(e.dataStart, e.dataStart + e.compressedSize);
  const whole = inflateWhole(archive, e);
  if (whole) return whole;
  const out = new Uint8Array(e.size);
  let length = 0;
  streamPart(archive, e, (piece) => {
    out.set(piece, length);
    length += piece.length;
    return true;
  });
  return length === e.size ? out : out.subarray(0, length);
}
