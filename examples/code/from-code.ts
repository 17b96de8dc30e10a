// Using the engine from code: parse a ruleset, categorise rows held in memory, read the results.
// Run it with: npx tsx examples/code/from-code.ts
import { readFileSync } from "node:fs";
import { categorise, memorySource, parseRuleset } from "../../engine";

async function main() {
  const ruleset = parseRuleset(readFileSync("rules/staffordshire.json", "utf8"), "rules/staffordshire.json");
  const workbook = memorySource({
    Schools: {
      headers: ["URN", "School name", "Phase", "Type", "Ofsted grade", "Category of concern", "Progress 8", "Overall absence %", "Safeguarding concern"],
      rows: [
        [124001, "Hillside Academy", "Secondary", "Academy converter", 2, "None", 0.12, "4.9%", "No"],
        [124002, "Brook Lane School", "Secondary", "Community school", 3, "None", -0.81, "7.6%", "No"],
        [124003, "Castle Primary", "Primary", "Community school", 4, "SM", "SUPP", "6.1%", "Yes"],
      ],
    },
  });
  const result = await categorise(workbook, ruleset, { asOf: "2026-11-20" });
  for (const school of result.rows) {
    console.log(`${school.name}: ${school.band} ${school.bandLabel}; ${school.escalation?.label ?? "no escalation"}`);
    for (const reason of school.reasons) console.log(`  ${reason}`);
  }
}

main();
