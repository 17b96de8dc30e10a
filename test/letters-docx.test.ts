// hosts/docx: Word templates read, filled and read back as real .docx files. Placeholders split
// across runs, paragraph loops and conditionals, escaping, one combined document, and the errors.
import { strFromU8, unzipSync } from "fflate";
import { DocxError, docxBodyText, docxParagraphs, fillCombined, fillLetter, newDocx, readLetterTemplate, type DocxParagraph } from "../hosts/docx";

const template = (body: DocxParagraph[], header?: DocxParagraph[]) => readLetterTemplate(newDocx({ title: "t", body, firstPageHeader: header }), "test.docx");
const documentXml = (bytes: Uint8Array) => strFromU8(unzipSync(bytes)["word/document.xml"]);

test("a placeholder Word split over three runs (different formatting) is filled whole, in the first run's format", () => {
  const t = template([{ runs: ["Dear ", "{head", { text: "Teach", bold: true }, { text: "er}", italic: true }, ","] }]);
  expect(t.tags.map((x) => x.name)).toEqual(["headTeacher"]);
  const letter = fillLetter(t, { headTeacher: "Ms Ada Lovelace" });
  expect(docxBodyText(letter)).toBe("Dear Ms Ada Lovelace,");
  // The value sits in the plain first run; the bold and italic runs are left empty.
  expect(documentXml(letter)).toContain(`<w:r><w:t xml:space="preserve">Ms Ada Lovelace</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve"></w:t></w:r>`);
});

test("a section alone on its lines repeats whole paragraphs; the inverted one shows when the list is empty", () => {
  const body: DocxParagraph[] = [
    { runs: "{#reasons}" },
    { runs: "{label}: {detail}", style: "ListBullet" },
    { runs: "{/reasons}" },
    { runs: "{^reasons}" },
    { runs: "No triggers." },
    { runs: "{/reasons}" },
    { runs: "End." },
  ];
  const t = template(body);
  const two = fillLetter(t, { reasons: [{ label: "Complaints", detail: "6 (at least 5)" }, { label: "Budget deficit", detail: "-58,720 (below 0)" }] });
  expect(docxParagraphs(two).get("word/document.xml")).toEqual(["Complaints: 6 (at least 5)", "Budget deficit: -58,720 (below 0)", "End."]);
  // Each repeated paragraph keeps its bullet style.
  expect(documentXml(two).match(/<w:pStyle w:val="ListBullet"\/>/g)).toHaveLength(2);
  expect(docxParagraphs(fillLetter(t, { reasons: [] })).get("word/document.xml")).toEqual(["No triggers.", "End."]);
});

test("inline sections: a flag, a text shown only when present; values are escaped and keep their lines", () => {
  const t = template([{ runs: "Category {category}{#isAcademy} (academy){/isAcademy}{#dueDate}, due {dueDate}{/dueDate}." }, { runs: "{address}" }]);
  const text = (data: Record<string, string | boolean | null>) => docxBodyText(fillLetter(t, { address: "1 High St", ...data }));
  expect(text({ category: "D", isAcademy: true, dueDate: "1 October 2025" })).toBe("Category D (academy), due 1 October 2025.\n1 High St");
  expect(text({ category: "B", isAcademy: false, dueDate: null })).toBe("Category B.\n1 High St");
  const odd = fillLetter(t, { category: "A & <B>", isAcademy: false, dueDate: null, address: "Town Hall\nHigh Street" });
  expect(docxBodyText(odd)).toBe("Category A & <B>.\nTown Hall\nHigh Street");
  expect(documentXml(odd)).toContain("A &amp; &lt;B&gt;");
});

test("one combined document: a section break after each letter but the last, the letterhead header kept", () => {
  const t = template([{ runs: "Dear {name}," }, { runs: "Text." }], [{ runs: "Council letterhead", style: "Letterhead" }]);
  const bytes = fillCombined(t, [{ name: "A" }, { name: "B" }, { name: "C" }]);
  const xml = documentXml(bytes);
  expect(docxParagraphs(bytes).get("word/document.xml")!.filter((p) => p.startsWith("Dear"))).toEqual(["Dear A,", "Dear B,", "Dear C,"]);
  // Two breaks inside paragraphs, plus the body's own section at the end; each repeats the first-page header.
  expect(xml.match(/<w:sectPr>/g)).toHaveLength(3);
  expect(xml.match(/<w:headerReference w:type="first"/g)).toHaveLength(3);
  expect(docxParagraphs(bytes).get("word/header1.xml")).toEqual(["Council letterhead"]);
});

test("a header whose placeholder differs between letters is refused for a combined document", () => {
  const t = template([{ runs: "Body" }], [{ runs: "Ref {reference}" }]);
  expect(() => fillCombined(t, [{ reference: "1" }, { reference: "2" }])).toThrow(/page header \(word\/header1.xml\) differs from letter to letter.*leave out --combined/);
  expect(docxParagraphs(fillCombined(t, [{ reference: "X" }, { reference: "X" }])).get("word/header1.xml")).toEqual(["Ref X"]);
});

test("template mistakes are refused with where they are", () => {
  const bad = (runs: string[][]) => () => template(runs.map((r) => ({ runs: r })));
  expect(bad([["Dear {headTeacher,"]])).toThrow(/test.docx: the letter's body, in the paragraph 'Dear \{headTeacher,': the placeholder starting '\{headTeacher,' has no closing '\}'/);
  expect(bad([["{#reasons}{text}"]])).toThrow(/\{#reasons\} is never closed; end the section with \{\/reasons\}/);
  expect(bad([["{#a}{#b}{/a}{/b}"]])).toThrow(/\{\/a\} closes \{#b\}, which is still open/);
  expect(bad([["{/a}"]])).toThrow(/\{\/a\} closes a section that was never opened/);
  expect(bad([["Shown {#isAcademy} only"], ["for academies{/isAcademy}"]])).toThrow(/runs from one paragraph into another; put each of its two tags alone on its own line/);
  expect(() => readLetterTemplate(new TextEncoder().encode("not a zip"), "letter.docx")).toThrow(new DocxError("letter.docx: is not a Word document (.docx); save it from Word as 'Word Document (*.docx)'"));
});
