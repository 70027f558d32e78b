/**
 * Refuse what the service refuses (issue 14): a definition the service would not save never starts a simulated
 * run. `simulate()` throws `SimulationError` (`InvalidDefinition`) carrying the validator's diagnostics.
 */
import { describe, expect, it } from "vitest";
import { SimulationError, simulate } from "../../simulator";
import { compose, def, thrown } from "./support";

function refused(target: unknown): SimulationError {
  return thrown(SimulationError, () => simulate(target));
}

const terminate = { type: "Terminate", inputs: { runStatus: "Failed" }, runAfter: {} };
const reply = (runAfter: Record<string, string[]> = {}) => ({ type: "Response", kind: "Http", inputs: { statusCode: 200 }, runAfter });

describe("definitions the service refuses are not run", () => {
  // Docs (logic-apps-workflow-actions-triggers, "Terminate action"): "You can't use this action inside a loop".
  it("Terminate inside a Foreach or Until", () => {
    const e = refused(def({ Loop: { type: "Foreach", foreach: "@createArray(1)", actions: { Stop: terminate }, runAfter: {} } }));
    expect(e.code).toBe("InvalidDefinition");
    expect(e.diagnostics.map((d) => [d.code, d.pointer])).toEqual([["not-allowed-in-loop", "/actions/Loop/actions/Stop"]]);
    expect(e.message).toContain("/actions/Loop/actions/Stop");
    const until = refused(def({ Poll: { type: "Until", expression: "@true", limit: { count: 2 }, actions: { Stop: terminate }, runAfter: {} } }));
    expect(until.diagnostics.map((d) => d.code)).toEqual(["not-allowed-in-loop"]);
  });

  // Docs (logic-apps-create-variables-store-values): "You can create variables only at the top level".
  it("InitializeVariable anywhere but the top level", () => {
    const init = { type: "InitializeVariable", inputs: { variables: [{ name: "n", type: "integer", value: 0 }] }, runAfter: {} };
    const e = refused(def({ Wrap: { type: "Scope", actions: { Init: init }, runAfter: {} } }));
    expect(e.diagnostics.map((d) => [d.code, d.pointer])).toEqual([["variable-init-nested", "/actions/Wrap/actions/Init"]]);
  });

  // Docs (logic-apps-http-endpoint): the Response action goes anywhere "except inside Foreach loops, Until loops,
  // including sequential loops, and parallel branches".
  it("Response inside a loop or on a parallel branch; success and failure branches are fine", () => {
    expect(refused(def({ Loop: { type: "Foreach", foreach: "@createArray(1)", actions: { Reply: reply() }, runAfter: {} } })).diagnostics[0]!.code).toBe("not-allowed-in-loop");
    const parallel = refused(def({ Work: compose(1), Reply: reply() }));
    expect(parallel.diagnostics.map((d) => [d.code, d.pointer])).toEqual([["response-in-parallel-branch", "/actions/Reply"]]);
    const handlers = def({ Work: compose(1), Ok: reply({ Work: ["Succeeded"] }), Failed: reply({ Work: ["Failed"] }) });
    expect(simulate(handlers).action("Ok").status).toBe("Succeeded");
  });

  // Docs (logic-apps-workflow-actions-triggers, "Change for each concurrency"): Sequential runs one iteration at a
  // time; with `runtimeConfiguration.concurrency.repetitions` as well the service refuses the definition.
  it("Sequential together with repetitions on a Foreach", () => {
    const loop = { type: "Foreach", foreach: "@createArray(1)", operationOptions: "Sequential", runtimeConfiguration: { concurrency: { repetitions: 5 } }, actions: { A: compose(1) }, runAfter: {} };
    expect(refused(def({ Loop: loop })).diagnostics.map((d) => [d.code, d.pointer])).toEqual([["foreach-sequential-with-repetitions", "/actions/Loop/runtimeConfiguration/concurrency/repetitions"]]);
  });

  // Limits (logic-apps-limits-and-config): "Nesting depth for actions: 8".
  it("nesting deeper than 8", () => {
    let inner: Record<string, unknown> = { Innermost: compose("x") };
    for (let i = 9; i >= 1; i--) inner = { [`Scope_${i}`]: { type: "Scope", actions: inner, runAfter: {} } };
    expect(refused(def(inner)).diagnostics.map((d) => d.code)).toEqual(["nesting-too-deep"]);
  });

  // Docs (logic-apps-workflow-actions-triggers, "runAfter"): an action runs after actions of its own scope.
  it("runAfter across scopes", () => {
    const e = refused(def({ A: compose(1), Wrap: { type: "Scope", actions: { B: compose(2, { A: ["Succeeded"] }) }, runAfter: {} } }));
    expect(e.diagnostics.map((d) => [d.code, d.pointer])).toEqual([["run-after-other-scope", "/actions/Wrap/actions/B/runAfter/A"]]);
  });

  it("pointers are into the document as given (a workflow resource, an ARM template)", () => {
    const bad = def({ Loop: { type: "Foreach", foreach: "@createArray(1)", actions: { Stop: terminate }, runAfter: {} } });
    expect(refused({ properties: { definition: bad } }).diagnostics[0]!.pointer).toBe("/properties/definition/actions/Loop/actions/Stop");
    const template = {
      $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
      contentVersion: "1.0.0.0",
      resources: [
        { type: "Microsoft.Logic/workflows", apiVersion: "2019-05-01", name: "good", location: "westeurope", properties: { definition: def({ A: compose(1) }) } },
        { type: "Microsoft.Logic/workflows", apiVersion: "2019-05-01", name: "bad", location: "westeurope", properties: { definition: bad } },
      ],
    };
    expect(simulate(template).status).toBe("Succeeded");
    const e = thrown(SimulationError, () => simulate(template, { resource: "bad" }));
    expect(e.diagnostics[0]!.pointer).toBe("/resources/1/properties/definition/actions/Loop/actions/Stop");
  });

  it("other validator findings (warnings, unrelated errors) do not stop a run", () => {
    // An undeclared parameter is an error for validate, but the run still reports it as a failed action.
    const run = simulate(def({ A: compose("@parameters('missing')") }));
    expect(run.action("A").status).toBe("Failed");
  });
});
