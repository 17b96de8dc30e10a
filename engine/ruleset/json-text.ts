// Strict JSON reading for rules files: syntax errors and duplicate keys are reported with
// line and column, and any JSON path can be turned back into a line number. A byte-order mark
// (Windows Notepad saves one) is not part of the JSON, so it is dropped before anything counts.
import { syntaxWords } from "./json-syntax-words";
import { findNodeAtLocation, parseTree, visit, type Node, type ParseError, printParseErrorCode } from "jsonc-parser";

export interface JsonIssue {
  path: string;
  line?: number;
  column?: number;
  message: string;
}

export type PathPart = string | number;

export function formatPath(parts: readonly PathPart[]): string {
  return parts.reduce<string>(
    (s, p) => (typeof p === "number" ? `${s}[${p}]` : /^[A-Za-z_$][\w$]*$/.test(p) ? `${s}.${p}` : `${s}[${JSON.stringify(p)}]`),
    "$",
  );
}

/** The text without a leading UTF-8 byte-order mark. */
export function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Line and column of any offset. The line starts are found once, so each lookup is a binary search:
 * a 10 MB file with thousands of problems is not scanned from the top for each one.
 */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) this.starts.push(i + 1);
  }

  at(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo] + 1 };
  }
}

export class JsonDocument {
  readonly text: string;
  private readonly root: Node | undefined;
  private lines: LineIndex | undefined;
  constructor(text: string) {
    this.text = withoutBom(text);
    this.root = parseTree(this.text, [], { allowTrailingComma: false, disallowComments: true });
  }

  /** Line and column of an offset in the text. */
  lineCol(offset: number): { line: number; column: number } {
    this.lines ??= new LineIndex(this.text);
    return this.lines.at(offset);
  }

  /** Line/column of the value at a path, or of its nearest existing parent. */
  locate(parts: readonly PathPart[]): { line: number; column: number } | undefined {
    if (!this.root) return undefined;
    for (let n = parts.length; n >= 0; n--) {
      const node = findNodeAtLocation(this.root, parts.slice(0, n) as PathPart[]);
      if (node) return this.lineCol(node.parent?.type === "property" ? node.parent.offset : node.offset);
    }
    return undefined;
  }

  issue(parts: readonly PathPart[], message: string): JsonIssue {
    return { path: formatPath(parts), ...this.locate(parts), message };
  }
}

/** Syntax errors and duplicate keys, each with its line and column. */
export function syntaxIssues(bomText: string): JsonIssue[] {
  const text = withoutBom(bomText);
  const lines = new LineIndex(text);
  const issues: JsonIssue[] = [];
  const errors: ParseError[] = [];
  const keyStack: Set<string>[] = [];
  visit(
    text,
    {
      onObjectBegin: () => void keyStack.push(new Set()),
      onObjectEnd: () => void keyStack.pop(),
      onObjectProperty: (name, offset, _len, _l, _c, pathSupplier) => {
        const keys = keyStack[keyStack.length - 1];
        if (keys.has(name)) {
          issues.push({ path: formatPath([...pathSupplier(), name]), ...lines.at(offset), message: `duplicate key '${name}' (JSON keeps only the last one)` });
        }
        keys.add(name);
      },
      onError: (error, offset) => errors.push({ error, offset, length: 0 }),
    },
    { disallowComments: true, allowTrailingComma: false },
  );
  for (const e of errors) {
    issues.push({ path: "$", ...lines.at(e.offset), message: `JSON syntax error: ${syntaxWords(printParseErrorCode(e.error))}` });
  }
  return issues;
}
