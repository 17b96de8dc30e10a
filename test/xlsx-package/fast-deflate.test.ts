// The fast DEFLATE compressor: whatever goes in comes back out of fflate's and zlib's inflate, fed
// whole or in pieces of any size, and a stream ended early (end(false)) can be followed by another.
import { inflateSync, strToU8 } from "fflate";
import { inflateRawSync } from "node:zlib";
import { codeLengths, FastDeflate } from "../../hosts/xlsx-package/fast-deflate";

const join = (pieces: Uint8Array[]) => new Uint8Array(Buffer.concat(pieces));

function deflate(data: Uint8Array, pieceSize = Infinity): Uint8Array {
  const d = new FastDeflate();
  for (let p = 0; p < data.length; p += pieceSize) d.push(data.subarray(p, p + pieceSize));
  d.end(true);
  return join(d.result());
}

/** A generator the tests can repeat. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s >>> 8;
  };
}

function sheetLike(rows: number): Uint8Array {
  const next = random(7);
  let xml = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet><sheetData>';
  for (let r = 1; r <= rows; r++) {
    xml += `<row r="${r}" spans="1:5"><c r="A${r}"><v>${next() % 100000}</v></c><c r="B${r}" t="inlineStr"><is><t>School ${next() % 997} café ✓</t></is></c><c r="C${r}" s="${next() % 9}"><v>${(next() % 1000) / 10}</v></c></row>`;
  }
  return strToU8(xml + "</sheetData></worksheet>");
}

const next = random(42);
const noise = Uint8Array.from({ length: 200_000 }, () => next() & 0xff);
const cases: [string, Uint8Array][] = [
  ["nothing", new Uint8Array(0)],
  ["one byte", new Uint8Array([65])],
  ["a short text", strToU8("abcabcabcabc hello hello hello")],
  ["noise, which does not compress", noise],
  ["a million zeros", new Uint8Array(1_000_000)],
  ["three letters at random", Uint8Array.from({ length: 300_000 }, () => 97 + (next() % 3))],
  ["noise repeated beyond the 32 KB window", join([noise.subarray(0, 40_000), noise.subarray(0, 40_000), noise.subarray(0, 70_000)])],
  ["a sheet's XML", sheetLike(20_000)],
];

describe("FastDeflate", () => {
  test.each(cases)("%s comes back the same from fflate and zlib", (_label, data) => {
    const out = deflate(data);
    expect(Buffer.from(inflateSync(out)).equals(Buffer.from(data))).toBe(true);
    expect(inflateRawSync(out).equals(Buffer.from(data))).toBe(true);
  });

  test("pieces of any size give the same stream as the whole", () => {
    const data = sheetLike(3000);
    const whole = deflate(data);
    for (const size of [1, 7, 4096, 65_539, 1 << 20]) expect(Buffer.from(deflate(data, size)).equals(Buffer.from(whole))).toBe(true);
  });

  test("compresses a sheet's XML to about a fifth or less", () => {
    const data = sheetLike(20_000);
    expect(deflate(data).length).toBeLessThan(data.length / 5);
  });

  test("a stream ended with end(false), followed by another, inflates as one", () => {
    const [a, b] = [sheetLike(10), sheetLike(5000)];
    const first = new FastDeflate();
    first.push(a);
    first.end(false);
    const second = new FastDeflate();
    second.push(b, true);
    const both = join([...first.result(), ...second.result()]);
    expect(inflateRawSync(both).equals(Buffer.concat([a, b]))).toBe(true);
    expect(() => second.push(a)).toThrow(/finished/);
  });

  test("code lengths stay within the limit, even for very skewed frequencies", () => {
    // Fibonacci frequencies make the deepest Huffman trees.
    const fib = [1, 1];
    while (fib.length < 40) fib.push(fib[fib.length - 1] + fib[fib.length - 2]);
    const lengths = codeLengths(Uint32Array.from(fib), 15);
    expect(Math.max(...lengths)).toBeLessThanOrEqual(15);
    // A complete prefix code: the Kraft sum is exactly 1.
    expect(lengths.reduce((sum, l) => sum + 2 ** -l, 0)).toBeCloseTo(1, 12);
    expect([...codeLengths(Uint32Array.from([0, 5, 0]), 7)]).toEqual([0, 1, 0]);
  });
});
