// The page has no ruleset parser (zod, RE2 and the JSON reader stay in the engine worker, out of
// the pane's first bundle). So the bundled rulesets, which the page takes as they are, must be
// exactly what parseRuleset makes of their text, dictionaries without a prototype included; and a
// ruleset the worker checked must arrive on the page the same as parsing it there would give.
import { parseRuleset } from "../../engine";
import { BUNDLED_RULESETS, bundledKey, bundledRuleset } from "../../addin/bundled-rulesets";
import { EngineWorker } from "../../addin/engine-client";
import { checkedRuleset } from "../../addin/ruleset-checked";
import { inProcessWorkers } from "./in-process-worker";

describe("the bundled rulesets on the page", () => {
  it.each(BUNDLED_RULESETS.map((b) => [b.key, b] as const))("%s is what parseRuleset makes of its text", (key, b) => {
    const parsed = parseRuleset(b.text, b.source);
    const taken = bundledRuleset(key);
    expect(taken).toStrictEqual(parsed);
    expect(Object.getPrototypeOf(taken.constants)).toBeNull();
    expect(Object.getPrototypeOf(taken.styles.bands)).toBeNull();
    // Each is a copy of its own: what one pick does to it cannot change the next.
    expect(bundledRuleset(key)).not.toBe(taken);
  });

  it("knows a bundled ruleset by its option and its text, and no other", () => {
    const [b] = BUNDLED_RULESETS;
    expect(bundledKey(b)).toBe(b.key);
    expect(bundledKey({ ...b, key: "file:staffordshire.json" })).toBeUndefined();
    expect(bundledKey({ ...b, text: b.text.replace(/"version":\s*"[^"]*"/, '"version": "edited"') })).toBeUndefined();
  });

  it("a ruleset checked in the engine worker arrives as parseRuleset makes it", async () => {
    const engine = new EngineWorker(inProcessWorkers().spawn);
    for (const b of BUNDLED_RULESETS) {
      const text = b.text.replace('"constants":{', '"constants":{"toString":{"label":"A constant named toString","value":3},');
      expect(text).not.toBe(b.text);
      const sent = { text, source: "own.json" };
      const reply = await engine.request({ kind: "checkRuleset", ruleset: sent });
      // Sending it gave its dictionaries Object's prototype back...
      expect(Object.getPrototypeOf(reply.constants)).toBe(Object.prototype);
      // ...which the page takes away again.
      const taken = checkedRuleset(reply);
      expect(taken).toStrictEqual(parseRuleset(sent.text, sent.source));
      expect(Object.getPrototypeOf(taken.constants)).toBeNull();
      expect(taken.constants?.toString).toEqual({ label: "A constant named toString", value: 3 });
    }
  });
});
