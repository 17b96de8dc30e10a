// Writes rules/ruleset.schema.json from the zod schema (npm run schema). A test keeps it current.
import * as fs from "node:fs";
import * as path from "node:path";
import { rulesetJsonSchemaText } from "../engine";

const file = path.resolve(__dirname, "../rules/ruleset.schema.json");
fs.writeFileSync(file, rulesetJsonSchemaText());
console.log(`Wrote ${path.relative(process.cwd(), file)}`);
