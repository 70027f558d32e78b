import { describe, expect, it } from "vitest";
import { diffJson } from "../../ops/diff";
import { normalizeDefinition, normalizeParameterDeclarations, normalizeRunAfter } from "../../ops/normalize";
import { catalog } from "../../playbooks/catalog";
import { designerResave } from "./support";

const base = {
  $schema: "https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#",
  contentVersion: "1.0.0.0",
  parameters: { token: { type: "SecureString" } },
  triggers: { manual: { type: "Request", kind: "Http", inputs: {} } },
  actions: {
    A: { type: "Http", inputs: { method: "GET", uri: "https://example.com" }, runAfter: {} },
    B: { type: "Compose", inputs: "@body('A')", runAfter: { A: ["Failed", "TimedOut"] } },
  },
  outputs: {},
};

const same = (a: unknown, b: unknown) => diffJson(normalizeDefinition(a), normalizeDefinition(b));

describe("drift normalisation", () => {
  it("ignores key order", () => {
    const reordered = { actions: { B: base.actions.B, A: base.actions.A }, outputs: {}, triggers: base.triggers, parameters: base.parameters, contentVersion: "1.0.0.0", $schema: base.$schema };
    expect(same(base, reordered)).toEqual([]);
  });

  it("treats a missing runAfter as {} and folds status casing, order and duplicates", () => {
    expect(normalizeRunAfter(undefined)).toEqual({});
    expect(normalizeRunAfter({ A: ["TIMEDOUT", "failed", "Failed"] })).toEqual({ A: ["Failed", "TimedOut"] });
    const designer = JSON.parse(JSON.stringify(base));
    delete designer.actions.A.runAfter;
    designer.actions.B.runAfter = { A: ["TIMEDOUT", "FAILED"] };
    expect(same(base, designer)).toEqual([]);
  });

  it("normalises the actions inside an Agent's tools like any nested actions", () => {
    const agent = (runAfter: unknown, type: string) => ({
      ...base,
      actions: { Triage: { type: "Agent", inputs: {}, tools: { T: { description: "d", actions: { X: { type, inputs: 1, runAfter } } } }, runAfter: {} } },
    });
    expect(same(agent({}, "Compose"), agent(undefined, "compose"))).toEqual([]);
    expect(same(agent({}, "Compose"), agent({}, "Response"))).not.toEqual([]);
  });

  it("folds type and method casing", () => {
    const other = JSON.parse(JSON.stringify(base));
    other.actions.A.type = "http";
    other.actions.A.inputs.method = "get";
    other.triggers.manual.type = "request";
    expect(same(base, other)).toEqual([]);
  });

  it("drops what the service and designer add: $connections default, secure defaults, evaluatedRecurrence, operationMetadataId, empty objects", () => {
    const other = JSON.parse(JSON.stringify(base));
    other.parameters.$connections = { defaultValue: {}, type: "Object" };
    other.parameters.token = { type: "securestring", defaultValue: "hidden", metadata: {} };
    other.actions.A.metadata = { operationMetadataId: "5f2c" };
    delete other.outputs;
    delete other.contentVersion;
    expect(same(base, other)).toEqual([]);
    const recurring = { triggers: { R: { type: "Recurrence", recurrence: { frequency: "Hour", interval: 1 } } }, actions: {} };
    const exported = { triggers: { R: { type: "Recurrence", recurrence: { frequency: "Hour", interval: 1 }, evaluatedRecurrence: { frequency: "Hour", interval: 1 } } }, actions: {} };
    expect(same(recurring, exported)).toEqual([]);
  });

  it("keeps differences that change behaviour", () => {
    const other = JSON.parse(JSON.stringify(base));
    other.actions.B.runAfter = { A: ["Succeeded"] };
    other.actions.B.inputs = "@body('a')";
    other.actions.A.metadata = { operationMetadataId: "x", note: "kept" };
    other.parameters.$connections = { defaultValue: { wdatp: {} }, type: "Object" };
    other.parameters.token = { type: "String" };
    expect(same(base, other).map((d) => [d.kind, d.pointer])).toEqual([
      ["added", "/actions/A/metadata"],
      ["changed", "/actions/B/inputs"],
      ["changed", "/actions/B/runAfter/A/0"],
      ["removed", "/actions/B/runAfter/A/1"],
      ["added", "/parameters/$connections"],
      ["changed", "/parameters/token/type"],
    ]);
  });

  it("normalises parameter declarations without changing the input", () => {
    const input = { $connections: { type: "object", defaultValue: {} }, p: { type: "string", defaultValue: "x", metadata: {} } };
    const copy = JSON.parse(JSON.stringify(input));
    expect(normalizeParameterDeclarations(input)).toEqual({ p: { type: "String", defaultValue: "x" } });
    expect(input).toEqual(copy);
  });

  it("makes a designer re-save of every catalog playbook compare equal, and never throws on odd input", () => {
    for (const entry of catalog) {
      const built = entry.create().definition;
      expect(same(built, designerResave(built))).toEqual([]);
    }
    for (const odd of [null, 3, "x", [], { actions: [1] }, { actions: { A: null, B: { runAfter: 5, type: 1 } } }, { triggers: "t" }]) {
      expect(() => normalizeDefinition(odd)).not.toThrow();
    }
  });
});

describe("JSON-pointer diff", () => {
  it("reports changed, added and removed values with escaped pointers in a fixed order", () => {
    const a = { "x/y": 1, list: [1, 2, 3], obj: { k: "v" }, kept: true };
    const b = { "x/y": 2, list: [1, 9], obj: [1], extra: null, kept: true };
    expect(diffJson(a, b)).toEqual([
      { pointer: "/extra", kind: "added", deployed: null },
      { pointer: "/list/1", kind: "changed", expected: 2, deployed: 9 },
      { pointer: "/list/2", kind: "removed", expected: 3 },
      { pointer: "/obj", kind: "changed", expected: { k: "v" }, deployed: [1] },
      { pointer: "/x~1y", kind: "changed", expected: 1, deployed: 2 },
    ]);
    expect(diffJson({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toEqual([]);
  });
});
