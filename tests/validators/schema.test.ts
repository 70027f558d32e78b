/** The JSON Schema: generated files up to date, strict compilation, case-insensitive discrimination by type. */
import * as fs from "node:fs";
import * as path from "node:path";
import Ajv from "ajv";
import { describe, expect, it } from "vitest";
import { validate } from "../../validators";
import { detect } from "../../validators/detect";
import { ACTION_SPECS, TRIGGER_SPECS, caseInsensitive, definitionSchema } from "../../validators/schema/build";
import { AJV_OPTIONS, MODULE_FILE, SCHEMA_FILE, generate } from "../../validators/schema/generate";
import { validate as precompiled } from "../../validators/schema/validate-definition.generated";
import { corpusFiles, readJson, REPO } from "../support/paths";
import { compose, def } from "./helpers";

const SCHEMA_DIR = path.join(REPO, "validators/schema");

/** Every definition object in the corpus. */
function corpusDefinitions(): unknown[] {
  const out: unknown[] = [];
  for (const file of corpusFiles()) {
    let doc: unknown;
    try {
      doc = readJson(file);
    } catch {
      continue;
    }
    for (const t of detect(doc, "x").targets) out.push(t.definition);
  }
  return out;
}

describe("definition schema", () => {
  it("the committed schema and precompiled validator are what generate.ts produces (run `npx tsx validators/schema/generate.ts`)", () => {
    const { schemaJson, moduleSource } = generate();
    expect(fs.readFileSync(path.join(SCHEMA_DIR, SCHEMA_FILE), "utf8")).toBe(schemaJson);
    expect(fs.readFileSync(path.join(SCHEMA_DIR, MODULE_FILE), "utf8")).toBe(moduleSource);
  });

  it("compiles with ajv in strict mode and agrees with the precompiled validator", () => {
    const ajv = new Ajv({ ...AJV_OPTIONS });
    const runtime = ajv.compile(definitionSchema());
    const definitions = corpusDefinitions();
    expect(definitions.length).toBeGreaterThan(25);
    const broken = [def({ A: { type: "Http", inputs: { uri: 1 } } }), def({ A: { type: "wat" } }), { triggers: [], actions: 5 }];
    for (const d of [...definitions, ...broken]) {
      const a = runtime(d);
      const b = (precompiled as unknown as (x: unknown) => boolean)(d);
      expect(b).toBe(a);
      expect((precompiled as unknown as { errors: unknown }).errors ?? null).toEqual(runtime.errors ?? null);
    }
  });

  it("discriminates actions and triggers by type, case-insensitively", () => {
    expect(validate(def({ A: { type: "wait", inputs: { interval: { count: 1, unit: "minute" } }, runAfter: {} } }))).toEqual([]);
    // A known type written in another case still gets its own schema: 'uri' is required for Http.
    const codes = validate(def({ A: { type: "HTTP", inputs: { method: "GET" }, runAfter: {} } })).map((d) => [d.code, d.pointer]);
    expect(codes).toEqual([["schema-violation", "/actions/A/inputs"]]);
    expect(new RegExp(caseInsensitive("Http")).test("hTtP")).toBe(true);
    expect(new RegExp(caseInsensitive("Http")).test("Https")).toBe(false);
  });

  it("an unknown type is one warning; unknown keys inside it are not checked", () => {
    expect(validate(def({ A: { type: "Transmogrify", inputs: { content: 1 }, whatever: true, runAfter: {} } })).map((d) => d.code)).toEqual(["unknown-action-type"]);
  });

  it("accepts expressions where the schema expects one of a few words", () => {
    const recurrence = { type: "Recurrence", recurrence: { frequency: "@parameters('frequency')", interval: "@parameters('interval')" } };
    const d = def({ A: compose(1) }, { triggers: { Every: recurrence }, parameters: { frequency: { type: "String" }, interval: { type: "Int" } } });
    expect(validate(d)).toEqual([]);
  });

  it("knows every action and trigger type the corpus uses", () => {
    const known = new Set([...Object.keys(ACTION_SPECS), ...Object.keys(TRIGGER_SPECS)].map((t) => t.toLowerCase()));
    for (const d of corpusDefinitions()) {
      for (const code of validate(d).map((x) => x.code)) expect(["unknown-action-type", "unknown-trigger-type"]).not.toContain(code);
    }
    expect(known.has("wait")).toBe(true);
  });
});
