// Part names, content types, relationships, and which parts the package reaches.
import { ContentTypes } from "../../hosts/xlsx-package/content-types";
import { relativeTarget, relsPartOf, resolveTarget } from "../../hosts/xlsx-package/part-names";
import { reachableParts } from "../../hosts/xlsx-package/reachable-parts";
import { Relationships } from "../../hosts/xlsx-package/relationships";
import { WorkbookPackage } from "../../hosts/xlsx-package/workbook-package";
import { buildCorpus } from "./corpus";

describe("part names", () => {
  test("relationship parts and targets", () => {
    expect(relsPartOf("xl/workbook.xml")).toBe("xl/_rels/workbook.xml.rels");
    expect(relsPartOf("")).toBe("_rels/.rels");
    expect(resolveTarget("xl/workbook.xml", "worksheets/sheet1.xml")).toBe("xl/worksheets/sheet1.xml");
    expect(resolveTarget("xl/worksheets/sheet1.xml", "../drawings/drawing1.xml")).toBe("xl/drawings/drawing1.xml");
    expect(resolveTarget("xl/workbook.xml", "/xl/styles.xml")).toBe("xl/styles.xml");
    expect(resolveTarget("xl/workbook.xml", "../customXml/item%201.xml")).toBe("customXml/item 1.xml");
    expect(relativeTarget("xl/workbook.xml", "xl/worksheets/sheet9.xml")).toBe("worksheets/sheet9.xml");
    expect(relativeTarget("xl/worksheets/sheet1.xml", "xl/drawings/drawing1.xml")).toBe("../drawings/drawing1.xml");
  });
});

describe("content types", () => {
  const xml = '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="main"/><Override PartName="/xl/old.xml" ContentType="old"/></Types>';
  test("answers by name, then by extension; adds and removes overrides", () => {
    const ct = new ContentTypes(xml);
    expect(ct.typeOf("XL/Workbook.xml")).toBe("main");
    expect(ct.typeOf("customXml/item1.xml")).toBe("application/xml");
    expect(ct.typeOf("x.bin")).toBeUndefined();
    expect(ct.changed).toBe(false);
    ct.addOverride("xl/worksheets/sheet2.xml", "ws");
    ct.removeOverride("xl/old.xml");
    expect(ct.toXml()).toBe(xml.replace('<Override PartName="/xl/old.xml" ContentType="old"/>', '<Override PartName="/xl/worksheets/sheet2.xml" ContentType="ws"/>'));
  });
});

describe("relationships", () => {
  test("resolves targets, gives new ids that collide with none, removes by id", () => {
    const xml = '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="t/ws" Target="worksheets/sheet1.xml"/><Relationship Id="rId3" Type="t/link" Target="https://example.org/" TargetMode="External"/></Relationships>';
    const rels = new Relationships("xl/workbook.xml", "xl/_rels/workbook.xml.rels", xml);
    expect(rels.list.map((r) => r.part)).toEqual(["xl/worksheets/sheet1.xml", undefined]);
    expect(rels.add("t/ws", "worksheets/sheet2.xml")).toBe("rId4");
    rels.remove("rId1");
    expect(rels.list.map((r) => r.id)).toEqual(["rId3", "rId4"]);
    expect(rels.toXml()).toBe(xml.replace('<Relationship Id="rId1" Type="t/ws" Target="worksheets/sheet1.xml"/>', "").replace("</Relationships>", '<Relationship Id="rId4" Type="t/ws" Target="worksheets/sheet2.xml"/></Relationships>'));
    expect(new Relationships("xl/new.xml", "xl/_rels/new.xml.rels").list).toEqual([]);
  });
});

describe("reachable parts", () => {
  test("every part of the test workbook is reached from the root, through the sheets, drawings and pivots", async () => {
    const pkg = new WorkbookPackage(await buildCorpus({ macro: true }));
    const reached = reachableParts(pkg);
    const parts = pkg.entries.map((e) => e.name.toLowerCase()).filter((n) => !n.endsWith("/") && !n.endsWith(".rels") && n !== "[content_types].xml");
    expect([...reached].sort()).toEqual(parts.sort());
    expect(reached).toContain("xl/charts/chart1.xml");
    expect(reached).toContain("xl/pivotcache/pivotcacherecords1.xml");
    expect(reached).toContain("xl/vbaproject.bin");
  });
});
