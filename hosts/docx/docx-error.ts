// A Word template or document the letters cannot be made from: not a .docx, or a placeholder
// written so it cannot be read. The message names the part and the paragraph.
export class DocxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DocxError";
  }
}
