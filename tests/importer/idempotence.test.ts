/**
 * Idempotence: importing the definition an imported playbook builds gives byte-identical TypeScript, for every
 * corpus workflow. And the generated code does not depend on the source's key order.
 */
import { describe, expect, it } from "vitest";
import { emitPlaybook, emitVerified, rebuild } from "../../importer";
import { readSources } from "../../importer/source";
import type { Json } from "../../wdl";
import { isObject } from "../../wdl/walk";
import { CORPUS, CORPUS_EXTRA } from "../support/paths";

/** A copy with every object's keys in reverse order, except the action names of an `actions` member (the step order). */
function reversed(value: Json, stepOrder = false): Json {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => reversed(v));
  const keys = stepOrder ? Object.keys(value) : Object.keys(value).reverse();
  const out: { [key: string]: Json } = {};
  for (const key of keys) out[key] = reversed(value[key]!, !stepOrder && key === "actions");
  return out;
}

describe("import is idempotent", () => {
  const sources = readSources([CORPUS, CORPUS_EXTRA]);

  it("import → build → import gives the same text for all 147 corpus workflows, lifted both times", () => {
    let checked = 0;
    for (const w of sources) {
      if (!isObject(w.definition)) continue;
      const spec = { name: "idempotent", description: "d", apis: w.apis };
      const first = emitVerified({ ...spec, definition: w.definition });
      const built = rebuild(first.emitted.text).definition as unknown as Record<string, Json>;
      const second = emitVerified({ ...spec, definition: built });
      expect(second.emitted.text, w.source).toBe(first.emitted.text);
      expect([first.lifted, second.lifted], w.source).toEqual([true, true]);
      checked++;
    }
    expect(checked).toBe(147);
  });

  it("gives the same text whatever the key order of the source (action order aside)", () => {
    for (const w of sources.slice(0, 40)) {
      if (!isObject(w.definition)) continue;
      const spec = { name: "order", description: "d", apis: w.apis };
      const def = w.definition as Record<string, Json>;
      expect(emitPlaybook({ ...spec, definition: reversed(def) as never }).text, w.source).toBe(emitPlaybook({ ...spec, definition: def }).text);
    }
  });
});
