// Word letters from templates: read a .docx template, fill it per school or into one document,
// read a .docx's text back. Pure TypeScript over the zip (fflate), so the pane can use it too.
export { DocxError } from "./docx-error";
export { readLetterTemplate, fillLetter, fillCombined, type LetterTemplate } from "./letter-template";
export type { TemplateTag, TagKind } from "./template-tree";
export type { FillData, FillItem, FillValue } from "./render-tree";
export { docxParagraphs, docxBodyText } from "./docx-text";
export { newDocx, type NewDocx, type DocxParagraph, type DocxRun, type ParagraphStyle } from "./new-docx";
