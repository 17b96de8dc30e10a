// Zip bombs for the tests, cheap to build: a DEFLATE stream written bit by bit (fixed Huffman codes)
// in which one space is followed by copies of itself, 258 bytes for every 13 bits, so 1.5 GB of
// spaces take 9 MB and about a second to make; and a package whose part declares any size at all.
import { readZip, type ZipEntry } from "../../hosts/xlsx-package/zip-read";
import { writeZip } from "../../hosts/xlsx-package/zip-write";

class BitWriter {
  private out: Uint8Array;
  private bit = 0;

  constructor(bits: number) {
    this.out = new Uint8Array(Math.ceil(bits / 8) + 1);
  }

  /** Huffman codes go most significant bit first. */
  code(value: number, length: number): void {
    for (let i = length - 1; i >= 0; i--) {
      if ((value >> i) & 1) this.out[this.bit >> 3] |= 1 << (this.bit & 7);
      this.bit++;
    }
  }

  bytes(): Uint8Array {
    return this.out.subarray(0, Math.ceil(this.bit / 8));
  }
}

const literal = (w: BitWriter, byte: number) => (byte < 144 ? w.code(0x30 + byte, 8) : w.code(0x190 + byte - 144, 9));

/** Raw DEFLATE of prefix, then `spaces` spaces, then suffix (ASCII). */
export function spacesDeflate(prefix: string, spaces: number, suffix: string): Uint8Array {
  const copies = Math.floor((spaces - 1) / 258);
  const rest = spaces - 1 - copies * 258;
  const w = new BitWriter(3 + 9 * (prefix.length + 1 + rest + suffix.length) + 13 * copies + 7);
  w.code(0b110, 3); // BFINAL = 1, then BTYPE = 1 (fixed codes) least significant bit first
  for (const c of prefix) literal(w, c.charCodeAt(0));
  literal(w, 32);
  for (let i = 0; i < copies; i++) {
    w.code(0xc5, 8); // length 258 (symbol 285)
    w.code(0, 5); // distance 1
  }
  for (let i = 0; i < rest; i++) literal(w, 32);
  for (const c of suffix) literal(w, c.charCodeAt(0));
  w.code(0, 7); // end of block
  return w.bytes();
}

/** The package with one part's contents replaced by raw DEFLATE data declaring `size` bytes. */
export function withRawPart(book: Uint8Array, part: string, raw: Uint8Array, size: number): Uint8Array {
  const source = new Uint8Array(book.length + raw.length);
  source.set(book);
  source.set(raw, book.length);
  const entries = readZip(book).map((e): { copy: ZipEntry } => (e.name === part ? { copy: { ...e, method: 8, crc: 0, compressedSize: raw.length, size, dataStart: book.length } } : { copy: e }));
  return writeZip(source, entries);
}
