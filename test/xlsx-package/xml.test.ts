// The small-part XML tree with offsets, splices, and the escaping of written text.
import { escapeAttribute, escapeText, excelText, openTag } from "../../hosts/xlsx-package/xml-escape";
import { appendChildren, applySplices, parseXmlTree, withAttributes } from "../../hosts/xlsx-package/xml-tree";
import { PackageError } from "../../hosts/xlsx-package";

describe("xml tree", () => {
  const xml = '<?xml version="1.0"?>\r\n<x:root xmlns:x="urn:x" a="1&amp;2"><x:item id="1"/><x:item id="2">text &lt;b&gt;<x:sub/></x:item ></x:root>';

  test("knows where every element starts and ends, with names, attributes and text", () => {
    const root = parseXmlTree(xml, "part");
    expect([root.name, root.local, root.attributes.a]).toEqual(["x:root", "root", "1&2"]);
    const [one, two] = root.children;
    expect(xml.slice(one.start, one.end)).toBe('<x:item id="1"/>');
    expect(one.selfClosing).toBe(true);
    expect(xml.slice(two.start, two.openEnd)).toBe('<x:item id="2">');
    expect(xml.slice(two.closeStart, two.end)).toBe("</x:item >");
    expect(two.text).toBe("text <b>");
  });

  test("splices in order, opens up an empty element to append children, and rewrites start tags", () => {
    const root = parseXmlTree(xml, "part");
    const [one, two] = root.children;
    const out = applySplices(xml, [appendChildren(one, "<x:new/>"), { start: two.start, end: two.openEnd, text: withAttributes(two, { id: undefined, n: 'a"b' }) }]);
    expect(out).toContain('<x:item id="1"><x:new/></x:item><x:item n="a&quot;b">text');
    expect(() => applySplices("abc", [{ start: 0, end: 2, text: "" }, { start: 1, end: 3, text: "" }])).toThrow(/overlapping/);
  });

  test("malformed XML is a damaged workbook", () => {
    expect(() => parseXmlTree("<a><b></a>", "xl/workbook.xml")).toThrow(PackageError);
    expect(() => parseXmlTree("<a><b></a>", "xl/workbook.xml")).toThrow(/xl\/workbook\.xml is not valid XML/);
  });
});

describe("escaping", () => {
  test("element text, attributes and Excel's _xHHHH_ form", () => {
    expect(escapeText("a < b & c > d \"q\"")).toBe('a &lt; b &amp; c &gt; d "q"');
    expect(escapeAttribute('a"b\nc&')).toBe("a&quot;b&#10;c&amp;");
    expect(excelText("a\u0000b\u001Fc\td\ne _x00A0_ \uFFFF")).toBe("a_x0000_b_x001F_c\td\ne _x005F_x00A0_ _xFFFF_");
    expect(excelText("lone \uD800 surrogate 😀")).toBe("lone \uFFFD surrogate 😀");
    expect(openTag("c", { r: "A1", s: "2" }, true)).toBe('<c r="A1" s="2"/>');
  });
});
