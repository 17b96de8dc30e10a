// A fast XML scanner over UTF-8 bytes for the big parts (sheets, shared strings). It hands on start
// tags, end tags and text as byte ranges, piece by piece as the part is inflated, and never builds
// a tree or a string of the whole part. Small parts use saxes (xml-tree.ts). The readers scan a part
// as it is inflated (scanPart); the sheet patcher scans a whole part held in one array (scanAll), so
// the offsets it is handed are offsets in that array.
import { PackageError } from "./package-error";
import type { PartCache } from "./part-cache";
import { inflateWhole, streamPart } from "./part-stream";
import { decodeEntities } from "./xml-text";
import type { ZipEntry } from "./zip-read";

/** The elements the readers act on, by local name (a prefix such as x: is dropped); 0 is any other. */
export const EL = { other: 0, c: 1, v: 2, f: 3, t: 4, r: 5, is: 6, row: 7, rPh: 8, sheetData: 9, si: 10, mergeCell: 11, mergeCells: 12, dimension: 13, cols: 14, col: 15 } as const;

const SHEET_DATA = [...new TextEncoder().encode("sheetData")];
const MERGE_CELL = [...new TextEncoder().encode("mergeCells")];
const DIMENSION = [...new TextEncoder().encode("dimension")];

function elementId(b: Uint8Array, s: number, e: number): number {
  switch (e - s) {
    case 1:
      switch (b[s]) {
        case 99: return EL.c;
        case 118: return EL.v;
        case 102: return EL.f;
        case 116: return EL.t;
        case 114: return EL.r;
      }
      return EL.other;
    case 2:
      if (b[s] === 105 && b[s + 1] === 115) return EL.is;
      if (b[s] === 115 && b[s + 1] === 105) return EL.si;
      return EL.other;
    case 3:
      if (b[s] === 99) return b[s + 1] === 111 && b[s + 2] === 108 ? EL.col : EL.other;
      if (b[s] !== 114) return EL.other;
      if (b[s + 1] === 111 && b[s + 2] === 119) return EL.row;
      if (b[s + 1] === 80 && b[s + 2] === 104) return EL.rPh;
      return EL.other;
    case 4:
      return b[s] === 99 && b[s + 1] === 111 && b[s + 2] === 108 && b[s + 3] === 115 ? EL.cols : EL.other;
    case 9:
      if (b[s] === 115) {
        for (let k = 0; k < 9; k++) if (b[s + k] !== SHEET_DATA[k]) return EL.other;
        return EL.sheetData;
      }
      if (b[s] === 100) {
        for (let k = 0; k < 9; k++) if (b[s + k] !== DIMENSION[k]) return EL.other;
        return EL.dimension;
      }
      for (let k = 0; k < 9; k++) if (b[s + k] !== MERGE_CELL[k]) return EL.other;
      return EL.mergeCell;
    case 10:
      for (let k = 0; k < 10; k++) if (b[s + k] !== MERGE_CELL[k]) return EL.other;
      return EL.mergeCells;
  }
  return EL.other;
}

export interface XmlByteHandler {
  /**
   * A start tag from tagStart ('<') to tagEnd (after '>'); its name ends at attrStart, and its
   * attributes lie between attrStart and attrEnd (see AttributeCursor).
   */
  open(id: number, b: Uint8Array, attrStart: number, attrEnd: number, selfClosing: boolean, tagStart: number, tagEnd: number): void;
  /** An end tag, from tagStart ('<') to tagEnd (after '>'); an <empty/> element has none. */
  close(id: number, tagStart: number, tagEnd: number): void;
  /** Text between tags, entities not yet decoded; one text may come in several pieces. cdata: literal text. */
  text(b: Uint8Array, start: number, end: number, cdata: boolean): void;
  /** Set true to end the scan early. */
  done?: boolean;
}

/** A tag, comment or CDATA section longer than this is not a workbook's. */
const MAX_MARKUP = 16 * 1024 * 1024;
const LT = 60;
const GT = 62;
const SLASH = 47;
const isSpace = (c: number) => c === 32 || c === 10 || c === 9 || c === 13;

/** The offset of the byte sequence seq in b at or after from, or -1. */
function indexOfSequence(b: Uint8Array, seq: number[], from: number): number {
  for (let i = b.indexOf(seq[0], from); i >= 0 && i + seq.length <= b.length; i = b.indexOf(seq[0], i + 1)) {
    let k = 1;
    while (k < seq.length && b[i + k] === seq[k]) k++;
    if (k === seq.length) return i;
  }
  return -1;
}

const startsWith = (b: Uint8Array, at: number, seq: number[]) => seq.every((c, k) => b[at + k] === c);
const bytesOf = (s: string) => [...s].map((c) => c.charCodeAt(0));
const COMMENT = bytesOf("<!--");
const COMMENT_END = bytesOf("-->");
const CDATA = bytesOf("<![CDATA[");
const CDATA_END = bytesOf("]]>");
const PI_END = bytesOf("?>");

export class XmlByteScanner {
  /** The start of a tag cut off at the end of the last piece, and pieces held until it can be whole. */
  private carry: Uint8Array | undefined;
  private held: Uint8Array[] = [];
  private heldLength = 0;
  /** Bytes carry and held must reach before the next try, doubling each time (linear work overall). */
  private waitFor = 0;
  /** Hashes of the names of the open elements, to check each end tag closes the right one. */
  private readonly open: number[] = [];
  private first = true;
  private sawRoot = false;

  constructor(
    private readonly handler: XmlByteHandler,
    private readonly part: string,
  ) {}

  /** Scans the next piece of the part; false when the handler has seen all it wants. */
  push(piece: Uint8Array): boolean {
    if (this.first) {
      this.first = false;
      piece = this.withoutByteOrderMark(piece);
    }
    let b = piece;
    if (this.carry) {
      this.held.push(piece);
      this.heldLength += piece.length;
      if (this.carry.length + this.heldLength < this.waitFor) return true;
      b = this.takeCarry();
    }
    const consumed = this.scan(b, false);
    if (this.handler.done) return false;
    if (consumed < b.length) {
      if (b.length - consumed > MAX_MARKUP) throw this.damaged("it holds a tag longer than 16 MB");
      this.carry = b.slice(consumed);
      this.waitFor = 2 * this.carry.length;
    }
    return true;
  }

  /**
   * Scans a whole part held in one array and returns that array, without a byte-order mark: every
   * offset handed on is an offset in what it returns.
   */
  scanAll(part: Uint8Array): Uint8Array {
    const b = this.withoutByteOrderMark(part);
    this.first = false;
    const consumed = this.scan(b, true);
    if (this.handler.done) return b;
    if (consumed < b.length) throw this.damaged("it ends in the middle of a tag");
    if (this.open.length || !this.sawRoot) throw this.damaged("it ends before its last element is closed");
    return b;
  }

  /** The part has ended: everything must have been whole and every element closed. */
  end(): void {
    if (this.handler.done) return;
    const b = this.carry ? this.takeCarry() : new Uint8Array(0);
    if (this.scan(b, true) < b.length) throw this.damaged("it ends in the middle of a tag");
    if (!this.handler.done && (this.open.length || !this.sawRoot)) throw this.damaged("it ends before its last element is closed");
  }

  private takeCarry(): Uint8Array {
    const carry = this.carry!;
    const b = new Uint8Array(carry.length + this.heldLength);
    b.set(carry);
    let p = carry.length;
    for (const h of this.held) {
      b.set(h, p);
      p += h.length;
    }
    this.carry = undefined;
    this.held = [];
    this.heldLength = 0;
    return b;
  }

  private withoutByteOrderMark(b: Uint8Array): Uint8Array {
    if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return b.subarray(3);
    if ((b[0] === 0xfe && b[1] === 0xff) || (b[0] === 0xff && b[1] === 0xfe)) throw this.damaged("it is saved as UTF-16, which Excel never writes");
    return b;
  }

  damaged(why: string): PackageError {
    return PackageError.damaged(`${this.part} is not valid XML: ${why}`);
  }

  /** Handles every whole token of b; returns where the first incomplete one starts. */
  private scan(b: Uint8Array, final: boolean): number {
    const h = this.handler;
    const n = b.length;
    let i = 0;
    while (i < n) {
      if (b[i] !== LT) {
        let j = b.indexOf(LT, i);
        if (j < 0) j = n;
        h.text(b, i, j, false);
        i = j;
        continue;
      }
      if (i + 1 >= n) return i;
      const next = b[i + 1];
      if (next === SLASH) {
        const gt = b.indexOf(GT, i + 2);
        if (gt < 0) return i;
        let e = i + 2;
        let local = e;
        let hash = 0;
        for (; e < gt && !isSpace(b[e]); e++) {
          if (b[e] === 58) local = e + 1;
          hash = (hash * 31 + b[e]) | 0;
        }
        if (this.open.pop() !== hash) throw this.damaged(`the end tag </${latin1(b, i + 2, e)}> closes no open element`);
        h.close(elementId(b, local, e), i, gt + 1);
        i = gt + 1;
        if (h.done) return i;
        continue;
      }
      if (next === 63) {
        const end = indexOfSequence(b, PI_END, i + 2);
        if (end < 0) return i;
        i = end + 2;
        continue;
      }
      if (next === 33) {
        if (n - i < CDATA.length && !final) return i;
        if (startsWith(b, i, COMMENT)) {
          const end = indexOfSequence(b, COMMENT_END, i + 4);
          if (end < 0) return i;
          i = end + 3;
        } else if (startsWith(b, i, CDATA)) {
          const end = indexOfSequence(b, CDATA_END, i + 9);
          if (end < 0) return i;
          h.text(b, i + 9, end, true);
          i = end + 3;
        } else {
          throw this.damaged("it declares a document type, which a workbook never does");
        }
        continue;
      }
      // A start tag: its name, then '>' outside quoted attribute values.
      let e = i + 1;
      let local = e;
      let hash = 0;
      for (; e < n; e++) {
        const c = b[e];
        if (c === GT || c === SLASH || isSpace(c)) break;
        if (c === 58) local = e + 1;
        hash = (hash * 31 + c) | 0;
      }
      if (e === i + 1 && e < n) throw this.damaged("it has a '<' that starts no tag");
      let quote = 0;
      let k = e;
      for (; k < n; k++) {
        const c = b[k];
        if (quote) {
          if (c === quote) quote = 0;
        } else if (c === GT) break;
        else if (c === 34 || c === 39) quote = c;
      }
      if (k >= n) return i;
      const selfClosing = b[k - 1] === SLASH;
      if (!selfClosing) this.open.push(hash);
      this.sawRoot = true;
      h.open(elementId(b, local, e), b, e, selfClosing ? k - 1 : k, selfClosing, i, k + 1);
      i = k + 1;
      if (h.done) return i;
    }
    return i;
  }
}

function latin1(b: Uint8Array, s: number, e: number): string {
  let out = "";
  for (let k = s; k < e && k < s + 40; k++) out += String.fromCharCode(b[k]);
  return out;
}

/**
 * Walks the attributes of a start tag: after next() returns true, the name lies between nameStart and
 * nameEnd (prefix included) and the value, entities not decoded, between valueStart and valueEnd.
 */
export class AttributeCursor {
  nameStart = 0;
  nameEnd = 0;
  valueStart = 0;
  valueEnd = 0;
  private b: Uint8Array = new Uint8Array(0);
  private p = 0;
  private end = 0;

  reset(b: Uint8Array, start: number, end: number): this {
    this.b = b;
    this.p = start;
    this.end = end;
    return this;
  }

  next(): boolean {
    const b = this.b;
    let p = this.p;
    while (p < this.end && isSpace(b[p])) p++;
    if (p >= this.end) return false;
    this.nameStart = p;
    while (p < this.end && b[p] !== 61 && !isSpace(b[p])) p++;
    this.nameEnd = p;
    while (p < this.end && b[p] !== 34 && b[p] !== 39) p++;
    const quote = b[p];
    this.valueStart = ++p;
    while (p < this.end && b[p] !== quote) p++;
    this.valueEnd = p;
    this.p = p + 1;
    return this.valueEnd <= this.end;
  }

  /** The attribute's name is exactly this one-byte name (r, s, t). */
  nameIs(c: number): boolean {
    return this.nameEnd - this.nameStart === 1 && this.b[this.nameStart] === c;
  }
}

const utf8 = new TextDecoder("utf-8");

/** The number the decimal digits between s and e spell (anything else is skipped). */
export function digitsOf(b: Uint8Array, s: number, e: number): number {
  let n = 0;
  for (let k = s; k < e; k++) {
    const c = b[k];
    if (c >= 48 && c <= 57) n = n * 10 + c - 48;
  }
  return n;
}

/** The column of a reference such as "AB12" (its letters), 0 when it has none. */
export function columnOfBytes(b: Uint8Array, s: number, e: number): number {
  let n = 0;
  for (let k = s; k < e; k++) {
    const c = b[k] & ~32;
    if (c < 65 || c > 90) break;
    n = n * 26 + c - 64;
  }
  return n;
}

/** The attributes of a start tag by name (prefix included), values decoded; for the few tags read whole. */
export function attributesOf(b: Uint8Array, start: number, end: number, part: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a = new AttributeCursor().reset(b, start, end); a.next(); ) {
    const value = utf8.decode(b.subarray(a.valueStart, a.valueEnd));
    out[utf8.decode(b.subarray(a.nameStart, a.nameEnd))] = value.includes("&") ? decodeEntities(value, part) : value;
  }
  return out;
}

/**
 * Inflates a part piece by piece through a scanner; stops inflating when the handler is done. With a
 * cache, a part inflated before is scanned as it was kept, and one inflated now is kept whole when
 * the cache has room (then inflated to its end even when the handler is done early).
 */
export function scanPart(archive: Uint8Array, entry: ZipEntry, handler: XmlByteHandler, cache?: PartCache): void {
  const scanner = new XmlByteScanner(handler, entry.name);
  const kept = cache?.get(entry);
  if (kept) {
    scanner.scanAll(kept);
    return;
  }
  // Inflated whole (under Node): scanned at once, and kept as it is.
  const inflated = inflateWhole(archive, entry);
  if (inflated) {
    scanner.scanAll(inflated);
    cache?.keep(entry, inflated);
    return;
  }
  const whole = cache?.wouldKeep(entry) ? new Uint8Array(entry.size) : undefined;
  let length = 0;
  let scanning = true;
  try {
    streamPart(archive, entry, (piece) => {
      if (scanning) scanning = scanner.push(piece);
      if (!whole) return scanning;
      whole.set(piece, length);
      length += piece.length;
      return true;
    });
  } catch (e) {
    // Past what the handler wanted, a damaged end is not this read's concern: the part is just not kept.
    if (scanning || !whole) throw e;
    length = -1;
  }
  scanner.end();
  if (whole && length >= 0) cache!.keep(entry, length === whole.length ? whole : whole.subarray(0, length));
}
