// The JSON Schema editors use for autocompletion and inline errors (rules/ruleset.schema.json).
import { z } from "zod";
import { RulesetSchema } from "./schema";

export function rulesetJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(RulesetSchema, { target: "draft-7", unrepresentable: "any", io: "input" }) as Record<string, unknown>;
  return {
    ...schema,
    $id: "https://school-categorisation.local/ruleset.schema.json",
    title: "School categorisation ruleset",
    description: "Fields, derived facts, triggers, bands and escalation stages for categorising schools. Generated from engine/ruleset/schema.ts by `npm run schema`.",
  };
}

export function rulesetJsonSchemaText(): string {
  return JSON.stringify(rulesetJsonSchema(), null, 2) + "\n";
}
