// Reports are JSON for programs: compact by default (a 24,000-school report is a third of the size),
// indented with --pretty for people reading it.
export function jsonText(data: unknown, pretty: boolean): string {
  return (pretty ? JSON.stringify(data, null, 2) : JSON.stringify(data)) + "\n";
}
