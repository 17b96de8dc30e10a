// A small ruleset for the hostile tests that need only a name and a couple of numbers.
export function tinyRuleset(extra: Record<string, unknown> = {}): any {
  return {
    id: "tiny",
    title: "Tiny",
    version: "1",
    effective: { from: "2020-09-01" },
    key: "urn",
    name: "name",
    fields: [
      { id: "urn", label: "URN", type: "integer", headers: ["URN"] },
      { id: "name", label: "School name", type: "text", headers: ["School name"] },
      { id: "pupils", label: "Pupils", type: "integer", headers: ["Pupils"] },
      { id: "opened", label: "Opened", type: "date", headers: ["Opened"] },
    ],
    triggers: [],
    bands: [
      { id: "B", label: "Flagged", conditions: { any: [{ fact: "triggerCount", operator: "greaterThan", value: 0 }] } },
      { id: "A", label: "Not flagged" },
    ],
    styles: { bands: { A: { fill: "#C6EFCE" }, B: { fill: "#FFC7CE" } }, severities: { high: { fill: "#FF8B8B" } } },
    ...extra,
  };
}
