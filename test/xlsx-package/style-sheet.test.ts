// styles.xml: patches merged over a cell's format, appended without renumbering, reused when equal.
import { isDateFormat } from "../../hosts/xlsx-package/number-formats";
import { StyleSheet } from "../../hosts/xlsx-package/style-sheet";

const STYLES =
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="170" formatCode="0.0%"/></numFmts>' +
  '<fonts count="2"><font><sz val="11"/><name val="Arial"/></font><font><i/><sz val="9"/><color rgb="FF0000FF"/><name val="Arial"/></font></fonts>' +
  '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="lightGrid"><fgColor theme="5"/></patternFill></fill></fills>' +
  '<borders count="2"><border/><border><left style="thin"/></border></borders><cellStyleXfs count="1"><xf/></cellStyleXfs>' +
  '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="170" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1"><alignment wrapText="1"/></xf><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
  '<dxfs count="0"/></styleSheet>';

describe("StyleSheet", () => {
  test("a fill patch keeps the font, border, number format and alignment of the cell", () => {
    const styles = new StyleSheet(STYLES, "xl/styles.xml");
    const s = styles.patched(1, { fill: "#FFC7CE" });
    expect(s).toBe(3);
    const xml = styles.toXml();
    expect(xml).toContain('<fills count="4">');
    expect(xml).toContain('<fill><patternFill patternType="solid"><fgColor rgb="FFFFC7CE"/><bgColor indexed="64"/></patternFill></fill></fills>');
    expect(xml).toContain('<cellXfs count="4">');
    expect(xml).toContain('<xf numFmtId="170" fontId="1" fillId="3" borderId="1" xfId="0" applyFont="1" applyFill="1"><alignment wrapText="1"/></xf></cellXfs>');
    expect(styles.solidColor(3)).toBe("#FFC7CE");
    expect(styles.patched(1, { fill: "#FFC7CE" })).toBe(3); // made once
  });

  test("font colour and bold make a new font from the cell's own, in Excel's child order", () => {
    const styles = new StyleSheet(STYLES, "xl/styles.xml");
    styles.patched(1, { bold: true, font: "#9C0006" });
    expect(styles.toXml()).toContain('<fonts count="3"><font><sz val="11"/><name val="Arial"/></font><font><i/><sz val="9"/><color rgb="FF0000FF"/><name val="Arial"/></font><font><b/><i/><sz val="9"/><color rgb="FF9C0006"/><name val="Arial"/></font></fonts>');
  });

  test("number formats: existing and built-in codes reused, new ones numbered after the last", () => {
    const styles = new StyleSheet(STYLES, "xl/styles.xml");
    expect(styles.toXml()).toBe(STYLES);
    styles.patched(0, { numFmt: "0.0%" });
    styles.patched(0, { numFmt: "0.00" });
    styles.patched(0, { numFmt: "d mmm yyyy" });
    const xml = styles.toXml();
    expect(xml).toContain('<numFmts count="2"><numFmt numFmtId="170" formatCode="0.0%"/><numFmt numFmtId="171" formatCode="d mmm yyyy"/></numFmts>');
    expect(xml).toContain('<xf numFmtId="170" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="2" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="171"');
  });

  test("a date keeps a date format the cell already has, and otherwise gets dd/mm/yyyy", () => {
    const styles = new StyleSheet(STYLES, "xl/styles.xml");
    expect(styles.withDateFormat(2)).toBe(2);
    const s = styles.withDateFormat(0);
    expect(styles.isDateStyle(s)).toBe(true);
    expect(styles.toXml()).toContain('<numFmt numFmtId="171" formatCode="dd/mm/yyyy"/>');
  });

  test("no fill, exact fills to restore, and a patch that changes nothing", () => {
    const styles = new StyleSheet(STYLES, "xl/styles.xml");
    expect(styles.fillXml(1)).toBe('<fill><patternFill patternType="lightGrid"><fgColor theme="5"/></patternFill></fill>');
    expect(styles.fillXml(0)).toBeUndefined();
    const red = styles.patched(1, { fill: "#FF0000" });
    expect(styles.patched(red, { fillXml: styles.fillXml(1) })).toBe(1);
    expect(styles.patched(0, { fill: null })).toBe(0);
    expect(styles.patched(2, { numFmt: "mm-dd-yy" })).toBe(2);
  });

  test("a workbook's styles with a prefix get prefixed additions; a styles part with no numFmts gets one", () => {
    const prefixed = '<x:styleSheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:fonts count="1"><x:font/></x:fonts><x:fills count="2"><x:fill/><x:fill/></x:fills><x:cellXfs count="1"><x:xf/></x:cellXfs></x:styleSheet>';
    const styles = new StyleSheet(prefixed, "xl/styles.xml");
    styles.patched(0, { fill: "#00FF00", numFmt: "0.000" });
    expect(styles.toXml()).toBe(
      '<x:styleSheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:numFmts count="1"><x:numFmt numFmtId="164" formatCode="0.000"/></x:numFmts><x:fonts count="1"><x:font/></x:fonts>' +
        '<x:fills count="3"><x:fill/><x:fill/><x:fill><x:patternFill patternType="solid"><x:fgColor rgb="FF00FF00"/><x:bgColor indexed="64"/></x:patternFill></x:fill></x:fills><x:cellXfs count="2"><x:xf/><x:xf fillId="2" applyFill="1" numFmtId="164" applyNumberFormat="1"/></x:cellXfs></x:styleSheet>',
    );
  });
});

describe("isDateFormat", () => {
  test.each([
    [14, undefined, true],
    [0, "General", false],
    [164, "dd/mm/yyyy", true],
    [164, "[$-809]d mmmm yyyy;@", true],
    [164, "[Red]0.00", false],
    [164, '0.0 "days"', false],
    [164, "[h]:mm", true],
    [164, "#,##0_);(#,##0)", false],
  ])("id %s, %s -> %s", (id, code, expected) => expect(isDateFormat(id, code)).toBe(expected));
});
