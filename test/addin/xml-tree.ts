// A small, strict XML reader for the manifest test: elements, attributes, text, comments and the
// declaration; anything malformed (unclosed or mismatched tags, bad attributes) throws.
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const decode = (s: string) =>
  s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, e: string) =>
    e[0] === "#" ? String.fromCodePoint(e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : ({ lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" } as Record<string, string>)[e],
  );

export function parseXml(text: string): XmlElement {
  const root: XmlElement = { name: "#document", attributes: {}, children: [], text: "" };
  const stack = [root];
  const token = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<\/([\w:.-]+)\s*>|<([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>|([^<]+)/gy;
  let m: RegExpExecArray | null;
  let at = 0;
  while (at < text.length) {
    token.lastIndex = at;
    m = token.exec(text);
    if (!m) throw new Error(`Malformed XML near: ${text.slice(at, at + 40)}`);
    at = token.lastIndex;
    const top = stack[stack.length - 1];
    if (m[1]) {
      if (top.name !== m[1]) throw new Error(`</${m[1]}> closes <${top.name}>`);
      stack.pop();
    } else if (m[2]) {
      const attributes: Record<string, string> = {};
      for (const a of m[3].matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
        if (a[1] in attributes) throw new Error(`Duplicate attribute ${a[1]} on <${m[2]}>`);
        attributes[a[1]] = decode(a[2] ?? a[3]);
      }
      const el: XmlElement = { name: m[2], attributes, children: [], text: "" };
      top.children.push(el);
      if (!m[4]) stack.push(el);
    } else if (m[5]) {
      if (m[5].includes("&") && !/^([^&]|&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);)*$/i.test(m[5])) throw new Error(`Bad entity in text: ${m[5]}`);
      if (stack.length === 1 && m[5].trim()) throw new Error("Text outside the root element");
      top.text += decode(m[5]);
    }
  }
  if (stack.length !== 1) throw new Error(`<${stack[stack.length - 1].name}> is never closed`);
  if (root.children.length !== 1) throw new Error("An XML document has exactly one root element");
  return root.children[0];
}

/** Elements along a path of names (children of children...). */
export function select(el: XmlElement, ...path: string[]): XmlElement[] {
  let level = [el];
  for (const name of path) level = level.flatMap((e) => e.children.filter((c) => c.name === name));
  return level;
}

export function all(el: XmlElement): XmlElement[] {
  return [el, ...el.children.flatMap(all)];
}
