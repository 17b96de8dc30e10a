// A part's new contents deflated for the zip: small ones by fflate, big ones by the fast compressor,
// and a part whose beginning is held back while the rest is deflated as it is made.
import { strToU8 } from "fflate";
import { crc32 } from "../../hosts/xlsx-package/crc32";
import { deflatePieces, StreamingDeflate } from "../../hosts/xlsx-package/part-deflate";
import { inflateRawSync } from "node:zlib";

const join = (pieces: Uint8Array[]) => new Uint8Array(Buffer.concat(pieces));
const rows = (n: number) => strToU8(Array.from({ length: n }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${(i * 7919) % 1000}</v></c></row>`).join(""));

describe("part-deflate", () => {
  test.each([
    ["small", [strToU8("<a>"), strToU8("x".repeat(1000)), strToU8("</a>")]],
    ["big", [rows(2000), rows(5000)]],
  ])("deflatePieces on %s contents: the stream, its CRC and size", (_label, pieces) => {
    const whole = join(pieces);
    const part = deflatePieces(pieces);
    expect(inflateRawSync(join(part.data)).equals(Buffer.from(whole))).toBe(true);
    expect([part.crc, part.size]).toEqual([crc32(whole), whole.length]);
  });

  test("StreamingDeflate: the beginning given at the end comes first, with one CRC for the whole", () => {
    const head = strToU8('<?xml version="1.0"?><worksheet><dimension ref="A1:B9000"/>');
    const body = [rows(3000), rows(9000), strToU8("</worksheet>")];
    const stream = new StreamingDeflate();
    for (const piece of body) stream.push(piece);
    const part = stream.finish([head]);
    const whole = join([head, ...body]);
    expect(inflateRawSync(join(part.data)).equals(Buffer.from(whole))).toBe(true);
    expect([part.crc, part.size]).toEqual([crc32(whole), whole.length]);
  });

  test("StreamingDeflate with nothing streamed is the beginning alone", () => {
    const part = new StreamingDeflate().finish([strToU8("<worksheet/>")]);
    expect(inflateRawSync(join(part.data)).toString()).toBe("<worksheet/>");
  });
});
