// Escaping text for the XML this module writes, including Excel's _xHHHH_ form for characters XML
// cannot hold.

const hex4 = (code: number) => code.toString(16).toUpperCase().padStart(4, "0");

/**
 * Cell text as Excel stores it: a control character (other than tab and line breaks) becomes
 * _xHHHH_, and a literal "_x0041_" in the text is kept literal by escaping its underscore.
 */
export function excelText(text: string): string {
  return text
    .replace(/_(?=x[0-9A-Fa-f]{4}_)/g, "_x005F_")
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, (c) => `_x${hex4(c.charCodeAt(0))}_`)
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
}

/** Text that neither excelText nor escapeText changes (no & < > _, control characters or surrogates). */
const PLAIN_TEXT = /^[^&<>_\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]*$/;

/** Cell text as element text: excelText, then escapeText. */
export function escapeCellText(text: string): string {
  return PLAIN_TEXT.test(text) ? text : escapeText(excelText(text));
}

/** Element text: & < > escaped. */
export function escapeText(text: string): string {
  return text.replace(/[&<>]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : "&gt;"));
}

const ATTRIBUTE_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\t": "&#9;", "\n": "&#10;", "\r": "&#13;" };

/** An attribute value for double quotes. */
export function escapeAttribute(value: string): string {
  return value.replace(/[&<>"\t\n\r]/g, (c) => ATTRIBUTE_ESCAPES[c]);
}

/** `<name a="1" b="2">` (or `/>`) from attributes in the order given. */
export function openTag(name: string, attributes: Record<string, string>, selfClosing = false): string {
  let s = `<${name}`;
  for (const [k, v] of Object.entries(attributes)) s += ` ${k}="${escapeAttribute(v)}"`;
  return s + (selfClosing ? "/>" : ">");
}
