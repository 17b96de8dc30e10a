// Strict JSON reading for rules files: syntax errors and duplicate keys are reported with
// line and column, and any JSON path can be turned back into a line number.
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

function lineCol(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) [line, last] = [line + 1, i];
  return { line, column: offset - last };
}

export class JsonDocument {
  private readonly root: Node | undefined;
  constructor(readonly text: string) {
    this.root = parseTree(text, [], { allowTrailingComma: false, disallowComments: true });
  }

  /** Line/column of the value at a path, or of its nearest existing parent. */
  locate(parts: readonly PathPart[]): { line: number; column: number } | undefined {
    if (!this.root) return undefined;
    for (let n = parts.length; n >= 0; n--) {
      const node = findNodeAtLocation(this.root, parts.slice(0, n) as PathPart[]);
      if (node) return lineCol(this.text, node.parent?.type === "property" ? node.parent.offset : node.offset);
    }
    return undefined;
  }

  issue(parts: readonly PathPart[], message: string): JsonIssue {
    return { path: formatPath(parts), ...this.locate(parts), message };
  }
}

/** Syntax errors and duplicate keys, each with its line and column. */
export function syntaxIssues(text: string): JsonIssue[] {
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
          issues.push({ path: formatPath([...pathSupplier(), name]), ...lineCol(text, offset), message: `duplicate key '${name}' (JSON keeps only the last one)` });
        }
        keys.add(name);
      },
      onError: (error, offset) => errors.push({ error, offset, length: 0 }),
    },
    { disallowComments: true, allowTrailingComma: false },
  );
  for (const e of errors) {
    issues.push({ path: "$", ...lineCol(text, e.offset), message: `JSON syntax error: ${printParseErrorCode(e.error)}` });
  }
  return issues;
}
