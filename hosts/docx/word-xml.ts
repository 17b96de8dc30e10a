// The bits of WordprocessingML the template code reads: paragraphs and the text nodes (<w:t>) in
// their runs. Text nodes outside <w:t> (field codes, deleted text) are never placeholders.

/** Paragraph open (not <w:pPr>), paragraph close, and text nodes (not <w:tab>, <w:tbl>...). */
export const WORD_TOKENS = /<w:p(?=[\s>/])[^>]*?(\/?)>|<\/w:p>|<w:t(?=[\s>/])([^>]*?)(\/?)>(?:([^<]*)<\/w:t>)?/g;

const DECODE: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

export function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (m, e: string) =>
    e[0] === "#" ? String.fromCodePoint(e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : DECODE[e] ?? m,
  );
}

/** Characters XML 1.0 cannot hold at all (a value pasted from elsewhere may carry them). */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function encodeXml(text: string): string {
  return text.replace(NOT_XML, "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** A <w:t> opening tag that keeps leading and trailing spaces. */
export function preservingOpen(attributes: string): string {
  return /xml:space=/.test(attributes) ? `<w:t${attributes.replace(/xml:space="[^"]*"/, 'xml:space="preserve"')}>` : `<w:t${attributes} xml:space="preserve">`;
}
