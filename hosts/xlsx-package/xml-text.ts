// The text of one element (a cell's <v>, a string's <t>), gathered from the byte pieces the scanner
// hands on, and read as a number or as a string (UTF-8, XML entities, line ends, Excel's _xHHHH_).
import { PackageError } from "./package-error";

const utf8 = new TextDecoder("utf-8");
/** 10^0 ... 10^22, each exact as a double. */
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));
const AMPERSAND = 38;

export class ElementText {
  private bytes = new Uint8Array(256);
  length = 0;
  /** Some piece held '&', a CR or '_', so toString() has more than UTF-8 to decode. */
  private special = false;

  clear(): void {
    this.length = 0;
    this.special = false;
  }

  add(b: Uint8Array, start: number, end: number, cdata: boolean): void {
    if (cdata) {
      // Literal text: escape what toString() would otherwise decode.
      for (let k = start; k < end; k++) {
        const c = b[k];
        if (c === AMPERSAND) this.addBytes([38, 97, 109, 112, 59]);
        else if (c === 13) this.addBytes([38, 35, 49, 51, 59]);
        else this.addBytes([c]);
      }
      return;
    }
    const n = end - start;
    if (this.length + n > this.bytes.length) this.grow(this.length + n);
    const out = this.bytes;
    let p = this.length;
    if (n > 32) {
      out.set(b.subarray(start, end), p);
      for (let k = start; k < end; k++) if (b[k] === AMPERSAND || b[k] === 13 || b[k] === 95) this.special = true;
      this.length = p + n;
      return;
    }
    for (let k = start; k < end; k++) {
      const c = b[k];
      if (c === AMPERSAND || c === 13 || c === 95) this.special = true;
      out[p++] = c;
    }
    this.length = p;
  }

  private addBytes(list: number[]): void {
    if (this.length + list.length > this.bytes.length) this.grow(this.length + list.length);
    for (const c of list) this.bytes[this.length++] = c;
    this.special ||= list[0] === AMPERSAND || list[0] === 95;
  }

  private grow(atLeast: number): void {
    const bigger = new Uint8Array(Math.max(atLeast, 2 * this.bytes.length));
    bigger.set(this.bytes.subarray(0, this.length));
    this.bytes = bigger;
  }

  /** The text as a number, NaN when it is not one (surrounding spaces allowed, as in XML). */
  toNumber(): number {
    const b = this.bytes;
    let i = 0;
    let end = this.length;
    while (i < end && (b[i] === 32 || b[i] === 9 || b[i] === 10 || b[i] === 13)) i++;
    while (end > i && (b[end - 1] === 32 || b[end - 1] === 9 || b[end - 1] === 10 || b[end - 1] === 13)) end--;
    if (i === end) return NaN;
    // Up to 15 digits with at most 22 after the point: digits / 10^k is exact and correctly rounded,
    // so it equals what Number() gives; anything else goes to Number().
    const negative = b[i] === 45;
    let k = negative ? i + 1 : i;
    let mantissa = 0;
    let digits = 0;
    let decimals = -1;
    for (; k < end; k++) {
      const c = b[k];
      if (c >= 48 && c <= 57) {
        mantissa = mantissa * 10 + (c - 48);
        digits++;
        if (decimals >= 0) decimals++;
      } else if (c === 46 && decimals < 0) decimals = 0;
      else break;
    }
    if (k === end && digits > 0 && digits <= 15 && decimals <= 22) {
      const value = decimals > 0 ? mantissa / POWERS_OF_TEN[decimals] : mantissa;
      return negative ? -value : value;
    }
    let text = "";
    for (let p = i; p < end; p++) text += String.fromCharCode(b[p]);
    return Number(text);
  }

  /** The text as a string; part names the part for the message when an entity is unknown. */
  toString(part = "the part"): string {
    let s = utf8.decode(this.bytes.subarray(0, this.length));
    if (!this.special) return s;
    if (s.includes("\r")) s = s.replace(/\r\n?/g, "\n");
    if (s.includes("&")) s = decodeEntities(s, part);
    return s;
  }

  /** toString() with Excel's _xHHHH_ escapes (a control character or an underscore) decoded. */
  toCellText(part?: string): string {
    const s = this.toString(part);
    return this.special && s.includes("_x") ? s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : s;
  }
}

const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** Text with its character and entity references (&amp; &#233; …) decoded. */
export function decodeEntities(s: string, part: string): string {
  return s.replace(/&([^;&]{0,10});?/g, (whole, name: string) => {
    if (whole.endsWith(";")) {
      if (name in NAMED) return NAMED[name];
      const code = /^#x[0-9a-fA-F]+$/.test(name) ? parseInt(name.slice(2), 16) : /^#[0-9]+$/.test(name) ? Number(name.slice(1)) : NaN;
      if (code >= 0 && code <= 0x10ffff) return String.fromCodePoint(code);
    }
    throw PackageError.damaged(`${part} is not valid XML: it holds '${whole}', which is not a character XML knows`);
  });
}
