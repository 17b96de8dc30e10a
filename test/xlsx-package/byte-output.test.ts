// The output of a part being rewritten: copied ranges and new text, held as pieces or streamed.
import { strToU8 } from "fflate";
import { ByteOutput, joinPieces, piecesText } from "../../hosts/xlsx-package/byte-output";

const source = strToU8("<a>" + "x".repeat(40_000) + "</a>");

describe("ByteOutput", () => {
  test("copies short ranges, keeps long ones as views of the source, and writes text as UTF-8", () => {
    const out = new ByteOutput();
    out.bytes(source, 0, 3);
    out.text("café ✓ ");
    out.bytes(source, 3, 40_003);
    out.text("é".repeat(200));
    out.bytes(source, 40_003, source.length);
    const pieces = out.finish();
    expect(piecesText(pieces)).toBe(`<a>café ✓ ${"x".repeat(40_000)}${"é".repeat(200)}</a>`);
    expect(pieces.some((p) => p.buffer === source.buffer && p.length === 40_000)).toBe(true);
  });

  test("a slot is filled in at the end, in its place", () => {
    const out = new ByteOutput();
    out.text("<dimension ref=\"");
    const slot = out.slot();
    out.text("\"/>");
    out.setSlot(slot, strToU8("A1:C9"));
    expect(piecesText(out.finish())).toBe('<dimension ref="A1:C9"/>');
  });

  test("streamed, every piece goes to the sink in order, and what was held before stays intact", () => {
    const out = new ByteOutput();
    out.text("<head>");
    const slot = out.slot();
    const streamed: Uint8Array[] = [];
    // The sink may see a piece overwritten after it returns, so it copies.
    out.streamTo((piece) => streamed.push(piece.slice()));
    const lines: string[] = [];
    for (let i = 0; i < 30_000; i++) {
      const line = `<row r="${i}">${i % 7 ? "" : "é"}</row>`;
      lines.push(line);
      out.text(line);
      if (i % 1000 === 0) out.bytes(source, 0, 20_000);
      if (i % 1000 === 0) lines.push(new TextDecoder().decode(source.subarray(0, 20_000)));
    }
    out.setSlot(slot, strToU8("!"));
    const held = out.finish();
    expect(piecesText(held)).toBe("<head>!");
    expect(piecesText(streamed)).toBe(lines.join(""));
    expect(joinPieces([strToU8("a")]).length).toBe(1);
    expect(() => out.slot()).toThrow();
  });
});
