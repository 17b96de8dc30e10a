// What kind of value each fact of a ruleset holds, and its plausible range: for `categorise check`.
import type { Ruleset } from "./schema";
import { factLabels } from "../facts";

export type Kind = "number" | "text" | "boolean" | "date" | "category" | "trend" | "list" | "band" | "unknown";

export interface FactKind {
  kind: Kind;
  label: string;
  /** Plausible range of a number fact. */
  min?: number;
  max?: number;
  percent?: boolean;
  /** The only values the fact can take (categories, trends, band ids). */
  values?: string[];
  /** Never missing (run facts, categories of concern, plain constants). */
  alwaysPresent?: boolean;
}

export const CATEGORY_VALUES = ["SWK", "SM", "NTI", "None"];
export const TREND_VALUES = ["improving", "declining", "stable"];

export function fieldKind(f: Ruleset["fields"][number]): FactKind {
  const base = { label: f.label, min: f.min, max: f.max };
  switch (f.type) {
    case "integer":
    case "number":
      return { ...base, kind: "number" };
    case "percent":
      return { ...base, kind: "number", percent: true, min: f.min ?? 0, max: f.max ?? 100 };
    case "ofstedGrade":
      return { ...base, kind: "number", min: Math.max(1, f.min ?? 1), max: Math.min(4, f.max ?? 4) };
    case "yesno":
      return { label: f.label, kind: "boolean" };
    case "date":
      return { label: f.label, kind: "date" };
    case "categoryOfConcern":
      return { label: f.label, kind: "category", values: CATEGORY_VALUES, alwaysPresent: true };
    case "text":
      return f.values ? { label: f.label, kind: "text", values: Object.keys(f.values) } : { label: f.label, kind: "text" };
  }
}

/** Fact id -> kind, for fields, constants, derived facts and the run's own facts. */
export function factKinds(r: Ruleset): Map<string, FactKind> {
  const kinds = new Map<string, FactKind>();
  for (const f of r.fields) kinds.set(f.id, fieldKind(f));
  for (const [id, c] of Object.entries(r.constants ?? {})) {
    const values = typeof c.value === "object" ? Object.values(c.value.byYear) : [c.value];
    const numbers = values.filter((v): v is number => typeof v === "number");
    kinds.set(id, numbers.length === values.length
      ? { kind: "number", label: c.label, min: numbers.reduce((a, b) => Math.min(a, b), Infinity), max: numbers.reduce((a, b) => Math.max(a, b), -Infinity), alwaysPresent: typeof c.value !== "object" }
      : { kind: "text", label: c.label, alwaysPresent: typeof c.value !== "object", values: values.map(String) });
  }
  const range = (id: string) => kinds.get(id) ?? { kind: "unknown" as Kind, label: id };
  for (const d of r.derived ?? []) {
    const label = d.label;
    switch (d.kind) {
      case "difference": {
        const a = range(d.of);
        const b = range(d.minus);
        const bounded = [a.min, a.max, b.min, b.max].every((x) => x !== undefined);
        kinds.set(d.id, { kind: "number", label, ...(bounded ? { min: a.min! - b.max!, max: a.max! - b.min! } : {}) });
        break;
      }
      case "ratio":
      case "daysSince":
        kinds.set(d.id, { kind: "number", label });
        break;
      case "count":
      case "consecutiveLatest":
        kinds.set(d.id, { kind: "number", label, min: 0 });
        break;
      case "matches":
        kinds.set(d.id, { kind: "boolean", label });
        break;
      case "trend":
        kinds.set(d.id, { kind: "trend", label, values: TREND_VALUES });
        break;
      case "lookup": {
        const values = d.table.map((row) => row.value);
        kinds.set(d.id,
          values.every((v) => typeof v === "boolean") ? { kind: "boolean", label }
          : values.every((v) => typeof v === "number") ? { kind: "number", label, min: Math.min(...(values as number[])), max: Math.max(...(values as number[])) }
          : { kind: "text", label, values: [...new Set(values.map(String))] });
        break;
      }
      case "latest": {
        const h = r.history?.find((x) => x.id === d.history);
        const f = h?.fields.find((x) => x.id === d.value);
        kinds.set(d.id, f ? { ...fieldKind(f), label, alwaysPresent: false } : { kind: "unknown", label });
        break;
      }
    }
  }
  // The run's own facts (facts.ts names them all).
  const of = factLabels(r);
  kinds.set("asOf", { kind: "date", label: of("asOf"), alwaysPresent: true });
  kinds.set("year", { kind: "text", label: of("year"), alwaysPresent: true });
  kinds.set("triggers", { kind: "list", label: of("triggers"), values: r.triggers.map((t) => t.id), alwaysPresent: true });
  kinds.set("triggerCount", { kind: "number", label: of("triggerCount"), min: 0, max: r.triggers.length, alwaysPresent: true });
  kinds.set("band", { kind: "band", label: of("band"), values: r.bands.map((b) => b.id), alwaysPresent: true });
  return kinds;
}

/** What a fact holds, for messages: "a number", "a date", "yes/no (true or false)"... */
export function describeKind(k: FactKind): string {
  switch (k.kind) {
    case "number": return "a number";
    case "boolean": return "yes/no (true or false)";
    case "date": return "a date";
    case "category": return `a category of concern (${k.values!.join(", ")})`;
    case "trend": return `a trend (${k.values!.join(", ")})`;
    case "list": return "a list";
    case "band": return "a band id";
    default: return "text";
  }
}
