/** Input kinds, workflow names and definition pointers; validate never throws. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { validate, validateDocument } from "../../validators";
import { armCallArgs, armNameKey, connectionIdNameKey, isArmExpression, managedApiName } from "../../validators/detect";
import { armTemplate, compose, def, workflowResource } from "./helpers";

describe("detect", () => {
  const definition = def({ A: compose(1) });

  it("recognises each input kind and points at its definition", () => {
    expect(validateDocument(definition, { name: "mine" })).toEqual({ kind: "definition", workflows: [{ name: "mine", pointer: "", diagnostics: [] }] });
    expect(validateDocument(workflowResource(definition))).toMatchObject({ kind: "workflow", workflows: [{ name: "wf", pointer: "/properties/definition" }] });
    expect(validateDocument({ definition, kind: "Stateful" }, { name: "wf1" })).toMatchObject({ kind: "workflow", workflows: [{ name: "wf1", pointer: "/definition" }] });
    expect(validateDocument({ properties: { definition, connectionReferences: {} }, schemaVersion: "1.0.0.0" })).toMatchObject({
      kind: "power-automate-flow",
      workflows: [{ pointer: "/properties/definition" }],
    });
    const template = armTemplate({ definition });
    (template.resources as unknown[]).push({ type: "microsoft.logic/WORKFLOWS", name: "second", properties: { definition } });
    expect(validateDocument(template)).toMatchObject({
      kind: "arm-template",
      workflows: [
        { name: "[parameters('PlaybookName')]", pointer: "/resources/0/properties/definition", diagnostics: [] },
        { name: "second", pointer: "/resources/1/properties/definition", diagnostics: [] },
      ],
    });
  });

  it("a JSON string input is parsed, BOM included", () => {
    expect(validateDocument(`\uFEFF${JSON.stringify(definition)}`).kind).toBe("definition");
    expect(validateDocument("{").kind).toBe("invalid-json");
  });

  it("reports unknown documents instead of guessing", () => {
    for (const input of [null, 42, "[]", [], {}, { id: 1 }]) {
      const report = validateDocument(input);
      const codes = report.workflows.flatMap((w) => w.diagnostics.map((d) => d.code));
      expect(codes.length).toBe(1);
      expect(["unknown-document", "invalid-json", "json-syntax"]).toContain(codes[0]);
    }
  });

  it("an ARM template without workflows has nothing to report", () => {
    expect(validateDocument({ $schema: "x", resources: [{ type: "Microsoft.Web/connections", name: "c" }] })).toEqual({ kind: "arm-template", workflows: [] });
  });

  it("reads ARM names and managed API ids", () => {
    expect(isArmExpression("[variables('a')]")).toBe(true);
    expect(isArmExpression("[[literal]")).toBe(false);
    expect(isArmExpression("@body('a')")).toBe(false);
    expect(managedApiName("[concat(subscription().id, '/providers/Microsoft.Web/locations/', resourceGroup().location,'/managedApis/Wdatp')]")).toBe("wdatp");
    expect(managedApiName("/providers/Microsoft.PowerApps/apis/shared_office365")).toBe("office365");
    expect(armCallArgs("resourceId('Microsoft.Web/connections', concat('a', ','), variables('x'))", "resourceId")).toEqual([
      "'Microsoft.Web/connections'",
      "concat('a', ',')",
      "variables('x')",
    ]);
    expect(connectionIdNameKey("[resourceId('Microsoft.Web/connections', variables( 'Conn' ))]")).toBe(armNameKey("[variables('Conn')]"));
    expect(connectionIdNameKey("[resourceId('other', 'Microsoft.Web/connections', 'literal')]")).toBe(armNameKey("literal"));
  });

  it("never throws, whatever it is given", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        const diagnostics = validate(value);
        expect(Array.isArray(diagnostics)).toBe(true);
        expect(diagnostics.map((d) => d.code)).not.toContain("internal-error");
      }),
      { numRuns: 500, seed: 7 },
    );
    const cyclic: Record<string, unknown> = { triggers: {}, actions: {} };
    (cyclic.actions as Record<string, unknown>).A = { type: "Scope", actions: cyclic.actions };
    expect(() => validate(cyclic)).not.toThrow();
  });
});
