// Header texts compare loosely: case, punctuation and "&" against "and" do not matter.

/** "Overall absence (%)" and "overall absence %" are one header. */
export function normaliseHeader(h: unknown): string {
  return String(h ?? "").toLowerCase().replace(/&/g, " and ").replace(/[^a-z0-9%£]+/g, " ").trim();
}
