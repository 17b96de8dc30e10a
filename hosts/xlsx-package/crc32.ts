// CRC-32 (the zip checksum) of a byte array: Node's own under Node, else eight bytes a step
// (slicing-by-8).
import { nodeZlib } from "./node-zlib";

const TABLES = (() => {
  const t = new Int32Array(8 * 256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  for (let n = 0; n < 256; n++) for (let k = 1; k < 8; k++) t[k * 256 + n] = t[(k - 1) * 256 + n] >>> 8 ^ t[t[(k - 1) * 256 + n] & 0xff];
  return t;
})();

/** The CRC of data in TypeScript, as crc32 gives it. */
export function portableCrc32(data: Uint8Array, previous = 0): number {
  const t = TABLES;
  let c = ~previous;
  let i = 0;
  const n = data.length;
  for (const end = n - 7; i < end; i += 8) {
    const lo = c ^ (data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24));
    c =
      t[1792 + (lo & 0xff)] ^ t[1536 + ((lo >>> 8) & 0xff)] ^ t[1280 + ((lo >>> 16) & 0xff)] ^ t[1024 + (lo >>> 24)] ^
      t[768 + data[i + 4]] ^ t[512 + data[i + 5]] ^ t[256 + data[i + 6]] ^ t[data[i + 7]];
  }
  for (; i < n; i++) c = t[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

const nativeCrc32 = nodeZlib?.crc32;

/** The CRC of data; give the CRC of the bytes before it to continue a checksum over several pieces. */
export const crc32: (data: Uint8Array, previous?: number) => number = nativeCrc32 ? (data, previous = 0) => nativeCrc32(data, previous) >>> 0 : portableCrc32;

const POLYNOMIAL = 0xedb88320;

/** a(x) times b(x) modulo the CRC's polynomial, both bit-reflected as the CRC is (zlib's multmodp). */
function multiplyModP(a: number, b: number): number {
  let m = 0x80000000;
  let p = 0;
  for (;;) {
    if (a & m) {
      p ^= b;
      if ((a & (m - 1)) === 0) break;
    }
    m >>>= 1;
    b = b & 1 ? (b >>> 1) ^ POLYNOMIAL : b >>> 1;
  }
  return p >>> 0;
}

/** x^(2^k) modulo the polynomial, for k = 0 to 31. */
const X_POWERS = (() => {
  const t = new Uint32Array(32);
  let p = 0x40000000; // x^1
  for (let k = 0; k < 32; k++) {
    t[k] = p;
    p = multiplyModP(p, p);
  }
  return t;
})();

/** The CRC of a followed by b, from the CRC of each and the length of b (zlib's crc32_combine). */
export function crc32Combine(crcA: number, crcB: number, lengthB: number): number {
  let shift = 0x80000000; // x^0: becomes x^(8 lengthB)
  for (let n = lengthB, k = 3; n > 0; n = Math.floor(n / 2), k++) if (n % 2) shift = multiplyModP(X_POWERS[k & 31], shift);
  return (multiplyModP(shift, crcA) ^ crcB) >>> 0;
}
