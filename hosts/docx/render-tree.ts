// Fills a template tree with one letter's values. Values are the letter's fields (engine/letters):
// text, numbers, yes/no flags, and lists of items (each item's fields are read inside its section).
import { encodeXml } from "./word-xml";
import type { TemplateNode } from "./template-tree";

export type FillValue = string | number | boolean | null | undefined | FillItem[];
export type FillItem = Record<string, string | number | boolean | null>;
export type FillData = Record<string, FillValue>;

/** A value was needed that the letter does not have: the letters code checks first, so this is a bug guard. */
export class MissingValueError extends Error {}

/** The XML of the nodes with the values in place; `scopes` are searched innermost first. */
export function renderNodes(nodes: TemplateNode[], scopes: readonly Record<string, unknown>[]): string {
  const out: string[] = [];
  for (const node of nodes) {
    if (node.t === "xml") out.push(node.text);
    else if (node.t === "value") out.push(valueXml(node.name, lookup(node.name, scopes)));
    else {
      const value = lookup(node.name, scopes);
      const items = Array.isArray(value) ? value : truthy(value) ? [value] : [];
      if (node.inverted) {
        if (!items.length) out.push(renderNodes(node.children, scopes));
      } else {
        for (const item of items) out.push(renderNodes(node.children, typeof item === "object" && item !== null ? [item, ...scopes] : scopes));
      }
    }
  }
  return out.join("");
}

const truthy = (v: unknown) => v !== null && v !== undefined && v !== false && v !== "" && v !== 0;

function lookup(name: string, scopes: readonly Record<string, unknown>[]): unknown {
  for (const scope of scopes) if (Object.prototype.hasOwnProperty.call(scope, name)) return scope[name];
  return undefined;
}

/** A value as text in a run: line breaks and tabs become Word's own, so an address keeps its lines. */
function valueXml(name: string, value: unknown): string {
  if (value === null || value === undefined || value === "" || Array.isArray(value) || typeof value === "object") throw new MissingValueError(`no value for {${name}}`);
  const text = typeof value === "boolean" ? (value ? "Yes" : "No") : String(value);
  return text
    .split(/\r?\n/)
    .map((line) => line.split("\t").map(encodeXml).join('</w:t><w:tab/><w:t xml:space="preserve">'))
    .join('</w:t><w:br/><w:t xml:space="preserve">');
}
