/**
 * ARM expressions in a simulated template (issue 14.5). Docs (azure-resource-manager/templates/template-expressions):
 * "Within the template, you use expressions … enclosed in brackets", evaluated when the template is deployed; so a
 * definition deployed from a template holds the expressions' values, and workflow expressions in them run.
 * Functions: template-functions-string ("concat", "format"), template-functions-deployment ("parameters"),
 * template-functions-variables ("variables").
 */
import { describe, expect, it } from "vitest";
import { SimulationError, simulate } from "../../simulator";
import { parseArmExpression, evaluateArmExpression } from "../../simulator/arm-expression";
import { compose, def } from "./support";

function template(actions: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
    contentVersion: "1.0.0.0",
    parameters: { TeamsId: { type: "string", defaultValue: "'team-1'" }, Prefix: { type: "string", defaultValue: "pbk" }, Tags: { type: "array", defaultValue: ["a", "b"] } },
    variables: { channel: "[concat('chan-', parameters('Prefix'))]", settings: { region: "westeurope", hosts: ["h1", "h2"] } },
    resources: [{ type: "Microsoft.Logic/workflows", apiVersion: "2019-05-01", name: "wf", location: "westeurope", properties: { definition: def(actions) } }],
    ...extra,
  };
}

describe("ARM expressions in a template's definition", () => {
  it("concat() over parameters and variables gives the deployed string, and its workflow expression runs", () => {
    const run = simulate(template({ Path: compose("[concat('/teams/@{encodeURIComponent(', parameters('TeamsId'), ')}/channels/', variables('channel'))]") }));
    expect(run.action("Path").outputs).toBe("/teams/team-1/channels/chan-pbk");
  });

  it("format() with {n} placeholders and {{ }} escapes", () => {
    const run = simulate(template({ F: compose("[format('{0}-{1} {{x}} @{{concat(''a'', ''{0}'')}}', parameters('Prefix'), variables('settings').region)]") }));
    expect(run.action("F").outputs).toBe("pbk-westeurope {x} apbk");
  });

  it("accessors, array concat, numbers, and parameter overrides", () => {
    const t = template({
      Host: compose("[variables('settings').hosts[1]]"),
      Region: compose("[variables('settings')['region']]"),
      Tags: compose("[concat(parameters('Tags'), variables('settings').hosts)]"),
      Num: compose("[concat('n', 42)]"),
    });
    const run = simulate(t);
    expect(run.action("Host").outputs).toBe("h2");
    expect(run.action("Region").outputs).toBe("westeurope");
    expect(run.action("Tags").outputs).toEqual(["a", "b", "h1", "h2"]);
    expect(run.action("Num").outputs).toBe("n42");
    expect(simulate(t, { armParameters: { prefix: "other" } }).action("Host").outputs).toBe("h2");
  });

  it("what has no value outside Azure stays an opaque literal, its @ escaped", () => {
    const run = simulate(template({ R: compose("[concat(resourceGroup().location, '/@{x}')]"), U: compose("[uniqueString('a')]"), Missing: compose("[concat(parameters('Nope'), 'x')]") }));
    expect(run.action("R").outputs).toBe("[concat(resourceGroup().location, '/@{x}')]");
    expect(run.action("U").outputs).toBe("[uniqueString('a')]");
    expect(run.action("Missing").outputs).toBe("[concat(parameters('Nope'), 'x')]");
  });

  it("a cycle through concat() is ARM's circular reference error (the expansion checks live in one place)", () => {
    const t = template({ C: compose("[variables('a')]") }, { variables: { a: "[concat('x', variables('b'))]", b: "[concat('y', variables('a'))]" } });
    expect(() => simulate(t)).toThrow(/circular reference/);
  });

  it("armParameters: unknown names and non-ARM targets are refused, as ARM refuses undeclared parameters", () => {
    expect(() => simulate(template({ A: compose(1) }), { armParameters: { Nope: 1 } })).toThrow(/declares no parameter 'Nope'/);
    expect(() => simulate(def({ A: compose(1) }), { armParameters: { x: 1 } })).toThrow(SimulationError);
  });

  it("the parser reads literals with '' escapes and rejects what it does not know", () => {
    expect(parseArmExpression("concat('it''s', 'x')")).toEqual({ kind: "call", name: "concat", args: [{ kind: "string", value: "it's" }, { kind: "string", value: "x" }] });
    expect(parseArmExpression("concat('a'")).toBeUndefined();
    expect(parseArmExpression("'a' 'b'")).toBeUndefined();
    expect(evaluateArmExpression(parseArmExpression("format('{2}', 'a')")!, () => ({ found: false }))).toEqual({ ok: false });
  });
});
