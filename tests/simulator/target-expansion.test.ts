/**
 * ARM `[variables('x')]` / `[parameters('x')]` expansion when a template is simulated: ARM rejects circular
 * variable references and templates whose expanded size passes 4 MB, so the simulator does too — quickly, with a
 * SimulationError naming the variable — instead of expanding exponentially.
 */
import { describe, expect, it } from "vitest";
import { SimulationError, simulate } from "../../simulator";
import { compose, def } from "./support";

function template(variables: Record<string, unknown>, inputs: unknown): Record<string, unknown> {
  return {
    $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
    variables,
    resources: [{ type: "Microsoft.Logic/workflows", name: "wf", properties: { definition: def({ Show: compose(inputs) }) } }],
  };
}

function errorOf(fn: () => unknown): SimulationError {
  try {
    fn();
  } catch (error) {
    if (error instanceof SimulationError) return error;
    throw error;
  }
  throw new Error("expected a SimulationError");
}

describe("ARM template expansion", () => {
  it("a variable that refers to itself is a circular reference, as ARM says", () => {
    const error = errorOf(() => simulate(template({ x: ["[variables('x')]", "[variables('x')]", "[variables('x')]"] }, "[variables('x')]")));
    expect(error.code).toBe("InvalidTarget");
    expect(error.message).toMatch(/circular reference.*variables\('x'\)/i);
  });

  it("a cycle through several variables names the chain", () => {
    const error = errorOf(() => simulate(template({ a: { next: "[variables('b')]" }, b: ["[variables('C')]"], c: "[variables('a')]" }, "[variables('a')]")));
    expect(error.message).toMatch(/a → b → C → a/);
  });

  it("ten variables each referring to the previous one ten times stop at the 4 MB expanded-size limit", () => {
    const variables: Record<string, unknown> = { v0: "leaf-value" };
    for (let i = 1; i <= 10; i++) variables[`v${i}`] = new Array(10).fill(`[variables('v${i - 1}')]`);
    const error = errorOf(() => simulate(template(variables, "[variables('v10')]")));
    expect(error.code).toBe("InvalidTarget");
    expect(error.message).toMatch(/4 MB/);
    expect(error.message).toMatch(/variables\('v\d+'\)/);
  });

  it("a variable used many times without a cycle still expands (shared values are fine)", () => {
    const variables: Record<string, unknown> = { v0: "x" };
    for (let i = 1; i <= 3; i++) variables[`v${i}`] = [`[variables('v${i - 1}')]`, `[variables('v${i - 1}')]`];
    const run = simulate(template(variables, "[variables('v3')]"));
    expect(run.action("Show").outputs).toEqual([[["x", "x"], ["x", "x"]], [["x", "x"], ["x", "x"]]]);
  });

  it("a parameter default that refers to a variable, and the other way round, expand", () => {
    const t = template({ greeting: "[parameters('who')]" }, "[variables('greeting')]");
    t.parameters = { who: { type: "string", defaultValue: "soc" } };
    expect(simulate(t).action("Show").outputs).toBe("soc");
  });
});
