// The byte-level XML scanner of the big parts, and the text of one element (numbers, strings).
import { strToU8 } from "fflate";
import { PackageError } from "../../hosts/xlsx-package";
import { AttributeCursor, attributesOf, columnOfBytes, digitsOf, EL, XmlByteScanner, type XmlByteHandler } from "../../hosts/xlsx-package/xml-bytes";
import { ElementText } from "../../hosts/xlsx-package/xml-text";

const NAMES = Object.fromEntries(Object.entries(EL).map(([k, v]) => [v, k]));
const latin1 = (b: Uint8Array, s: number, e: number) => new TextDecoder().decode(b.subarray(s, e));

/** The events of a scan as text, with each text element's content gathered and decoded. */
function events(xml: string | Uint8Array, pieceSize = Infinity): string[] {
  const out: string[] = [];
  const text = new ElementText();
  const attributes = new AttributeCursor();
  const handler: XmlByteHandler = {
    open(id, b, s, e, selfClosing) {
      const list: string[] = [];
      for (attributes.reset(b, s, e); attributes.next(); ) list.push(`${latin1(b, attributes.nameStart, attributes.nameEnd)}=${latin1(b, attributes.valueStart, attributes.valueEnd)}`);
      flush();
      out.push(`<${NAMES[id]}${list.map((a) => " " + a).join("")}${selfClosing ? "/" : ""}>`);
    },
    close(id) {
      flush();
      out.push(`</${NAMES[id]}>`);
    },
    text(b, s, e, cdata) {
      text.add(b, s, e, cdata);
    },
  };
  const flush = () => {
    const s = text.toString();
    if (s.trim()) out.push(JSON.stringify(s));
    text.clear();
  };
  const bytes = typeof xml === "string" ? strToU8(xml) : xml;
  const scanner = new XmlByteScanner(handler, "test.xml");
  for (let p = 0; p < bytes.length; p += Math.min(pieceSize, bytes.length)) scanner.push(bytes.slice(p, p + pieceSize));
  scanner.end();
  return out;
}

const DOC =
  '\ufeff<?xml version="1.0"?>\n<x:worksheet xmlns:x="urn:x"><!-- a comment with <c> in it --><x:sheetData>' +
  '<row r="1" spans="1:2"><c r="A1" t="s"><v>12</v></c><c r=\'B1\' t="str" note="a > b"><v>caf&#xE9; &amp; tea</v></c></row>' +
  '<row r="2"><c r="A2" t="inlineStr"><is><t><![CDATA[<raw> & text]]></t></is></c><c r="B2" s="3"/></row>' +
  "</x:sheetData><other><v>9</v></other></x:worksheet>";

const EXPECTED = [
  "<other xmlns:x=urn:x>",
  "<sheetData>",
  "<row r=1 spans=1:2>",
  "<c r=A1 t=s>",
  "<v>",
  '"12"',
  "</v>",
  "</c>",
  "<c r=B1 t=str note=a > b>",
  "<v>",
  '"café & tea"',
  "</v>",
  "</c>",
  "</row>",
  "<row r=2>",
  "<c r=A2 t=inlineStr>",
  "<is>",
  "<t>",
  '"<raw> & text"',
  "</t>",
  "</is>",
  "</c>",
  "<c r=B2 s=3/>",
  "</row>",
  "</sheetData>",
  "<other>",
  "<v>",
  '"9"',
  "</v>",
  "</other>",
  "</other>",
];

describe("XmlByteScanner", () => {
  test("start tags, end tags and text by local name; comments, declarations and CDATA; '>' in a value", () => {
    expect(events(DOC)).toEqual(EXPECTED);
  });

  test("the same events however the part is cut into pieces, down to one byte at a time", () => {
    const bytes = strToU8(DOC);
    for (const size of [1, 2, 3, 7, 64]) expect([size, events(bytes, size)]).toEqual([size, EXPECTED]);
  });

  test("a tag longer than a piece waits for the pieces it needs", () => {
    const long = "x".repeat(300000);
    expect(events(`<a><c r="${long}"/></a>`, 1000)).toEqual(["<other>", `<c r=${long}/>`, "</other>"]);
  });

  test.each([
    ["cut short", "<a><b>text</b>", "it ends before its last element is closed"],
    ["cut inside a tag", '<a><b c="', "it ends in the middle of a tag"],
    ["an end tag that closes nothing", "<a></b></a>", "the end tag </b> closes no open element"],
    ["a document type", '<!DOCTYPE a [<!ENTITY e "x">]><a/>', "it declares a document type, which a workbook never does"],
    ["no element at all", "   ", "it ends before its last element is closed"],
    ["UTF-16", new Uint8Array([0xff, 0xfe, 60, 0, 97, 0]), "it is saved as UTF-16, which Excel never writes"],
  ])("%s is damage, in plain words", (_label, xml, why) => {
    expect(() => events(xml)).toThrow(new PackageError(`The workbook file is damaged (test.xml is not valid XML: ${why}). Open it in Excel, let Excel repair it, save it and try again.`));
  });
});

describe("scanAll", () => {
  test("hands on each tag's offsets in the one array scanned, a byte-order mark dropped", () => {
    const xml = '<x:ws xmlns:x="urn:x"><x:dimension ref="A1"/><cols><col min="1" max="2" style="3"/></cols><x:sheetData><row r="7"/></x:sheetData></x:ws>';
    const seen: string[] = [];
    const handler: XmlByteHandler = {
      open(id, b, as, ae, selfClosing, ts, te) {
        seen.push(`${NAMES[id]} ${latin1(b, ts, te)} attributes=${JSON.stringify(attributesOf(b, as, ae, "test.xml"))}`);
      },
      close(id, ts, te) {
        // Offsets in the array scanned, which has no byte-order mark.
        seen.push(`/${NAMES[id]} ${latin1(strToU8(xml), ts, te)}`);
      },
      text() {},
    };
    const bytes = strToU8("\ufeff" + xml);
    const scanned = new XmlByteScanner(handler, "test.xml").scanAll(bytes);
    expect(scanned.length).toBe(bytes.length - 3);
    expect(seen).toEqual([
      'other <x:ws xmlns:x="urn:x"> attributes={"xmlns:x":"urn:x"}',
      'dimension <x:dimension ref="A1"/> attributes={"ref":"A1"}',
      "cols <cols> attributes={}",
      'col <col min="1" max="2" style="3"/> attributes={"min":"1","max":"2","style":"3"}',
      "/cols </cols>",
      "sheetData <x:sheetData> attributes={}",
      'row <row r="7"/> attributes={"r":"7"}',
      "/sheetData </x:sheetData>",
      "/other </x:ws>",
    ]);
    expect(() => new XmlByteScanner(handler, "test.xml").scanAll(strToU8("<a><b>"))).toThrow(/it ends before its last element is closed/);
  });

  test("attribute values are decoded; digits and column letters are read from bytes", () => {
    const b = strToU8(`<c note="a &amp; b &#233;" r='AB12' s="15"/>`);
    expect(attributesOf(b, 2, b.length - 2, "test.xml")).toEqual({ note: "a & b é", r: "AB12", s: "15" });
    const ref = strToU8("AB12");
    expect([columnOfBytes(ref, 0, 4), digitsOf(ref, 0, 4), columnOfBytes(strToU8("12"), 0, 2)]).toEqual([28, 12, 0]);
  });
});

describe("ElementText", () => {
  const of = (s: string) => {
    const t = new ElementText();
    const b = strToU8(s);
    t.add(b, 0, b.length, false);
    return t;
  };

  test("numbers are exactly what Number() makes of the text", () => {
    const samples = ["0", "-0", "42", "007", "1.", ".5", "0.1", "0.564", "0.56399999999999995", "123456789012345", "1234567890123456789", "-1.5E-3", "1e308", "2.2250738585072014E-308", " 12 ", "+5"];
    for (let i = 0; i < 2000; i++) samples.push(String((Math.random() - 0.5) * 10 ** Math.floor(Math.random() * 12)), (Math.random() * 1000).toFixed(Math.floor(Math.random() * 15)));
    for (const s of samples) expect([s, of(s).toNumber()]).toEqual([s, Number(s)]);
    for (const s of ["", "  ", "abc", "1.2.3", "12abc", "-"]) expect([s, of(s).toNumber()]).toEqual([s, NaN]);
  });

  test("text: UTF-8, entities, line ends as XML reads them, and Excel's _xHHHH_ escapes for cells", () => {
    expect(of("Ünï 名前 😀").toString()).toBe("Ünï 名前 😀");
    expect(of("a &lt; b &amp;&amp; c &gt; d &quot;&apos; &#65;&#x1F600;").toString()).toBe("a < b && c > d \"' A😀");
    expect(of("one\r\ntwo\rthree&#13;").toString()).toBe("one\ntwo\nthree\r");
    expect(of("a_x000D_b _x005F_x000D_ c_x00").toCellText()).toBe("a\rb _x000D_ c_x00");
    expect(of("a_x000D_b").toString()).toBe("a_x000D_b");
    expect(() => of("Tom & Jerry").toString("xl/sharedStrings.xml")).toThrow(/xl\/sharedStrings\.xml is not valid XML: it holds '& Jerry', which is not a character XML knows/);
    expect(() => of("&nbsp;").toString()).toThrow(/it holds '&nbsp;'/);
  });

  test("pieces are joined before decoding, so a character or entity cut in two survives", () => {
    const t = new ElementText();
    const b = strToU8("名&amp;x");
    for (let i = 0; i < b.length; i++) t.add(b, i, i + 1, false);
    expect(t.toString()).toBe("名&x");
  });
});
