/** The builder's escape hatches for imported definitions, each checked against the exact JSON it renders. */
import { describe, expect, it } from "vitest";
import { BuildError, call, definePlaybook, raw, rawTrigger, recurrence } from "../../playbooks/kit/index";
import { defender as defenderConnector } from "../../playbooks/connectors";

const trigger = rawTrigger("Recurrence", { type: "Recurrence", recurrence: { frequency: "Hour", interval: 1 } });

describe("escape hatches", () => {
  it("raw renders strings and objects exactly as given; plain strings would be escaped", () => {
    const p = definePlaybook({
      name: "raw-values",
      description: "d",
      trigger,
      build({ flow }) {
        flow.compose("A", { x: raw("@triggerBody()?['id']"), y: "@literal", z: raw({ and: [{ equals: ["@a", 1] }] }) });
      },
    });
    expect(p.definition.actions.A).toEqual({
      type: "Compose",
      inputs: { x: "@triggerBody()?['id']", y: "@@literal", z: { and: [{ equals: ["@a", 1] }] } },
      runAfter: {},
    });
    expect(p.definition.triggers.Recurrence).toEqual({ type: "Recurrence", recurrence: { frequency: "Hour", interval: 1 } });
  });

  it("a raw '@expression' string can be a function argument; other raw values cannot", () => {
    const p = definePlaybook({ name: "raw-arg", description: "d", trigger, build: ({ flow }) => void flow.compose("A", call("string", raw("@triggerBody()"))) });
    expect((p.definition.actions.A as { inputs?: unknown }).inputs).toBe("@string(triggerBody())");
    expect(() => definePlaybook({ name: "raw-arg", description: "d", trigger, build: ({ flow }) => void flow.compose("A", call("string", raw({ a: 1 }))) })).toThrow(BuildError);
  });

  it("name gives the exact step name; runAfter is rendered as given or left out", () => {
    const p = definePlaybook({
      name: "raw-names",
      description: "d",
      trigger,
      triggerName: "manual__x",
      build({ flow }) {
        flow.action("Get RGs", { type: "Compose", inputs: 1 }, { name: "Get_RG's", runAfter: false });
        flow.action("B", { type: "Compose", inputs: 2 }, { runAfter: { "Get_RG's": ["succeeded", "FAILED"] } });
        flow.action("C", { type: "Compose", inputs: 3 }, { runAfter: {} });
      },
    });
    expect(Object.keys(p.definition.triggers)).toEqual(["manual__x"]);
    expect(p.definition.actions["Get_RG's"]).toEqual({ type: "Compose", inputs: 1 });
    expect(p.definition.actions.B!.runAfter).toEqual({ "Get_RG's": ["succeeded", "FAILED"] });
    expect(p.definition.actions.C!.runAfter).toEqual({});
  });

  it("container renders the action as given with builder-filled branches, cases included", () => {
    const p = definePlaybook({
      name: "raw-container",
      description: "d",
      trigger,
      build({ flow }) {
        flow.container(
          "Switch",
          { type: "Switch", expression: raw("@triggerBody()"), cases: { Case_odd: { case: "x" } } },
          { "case:Case_odd": (f) => void f.compose("In case", 1, { runAfter: {} }), default: () => {} },
          { runAfter: {} },
        );
      },
    });
    expect(p.definition.actions.Switch).toEqual({
      type: "Switch",
      expression: "@triggerBody()",
      cases: { Case_odd: { case: "x", actions: { In_case: { type: "Compose", inputs: 1, runAfter: {} } } } },
      default: { actions: {} },
      runAfter: {},
    });
    expect(() =>
      definePlaybook({ name: "raw-container", description: "d", trigger, build: ({ flow }) => void flow.container("S", { type: "Switch", cases: {} }, { "case:Nope": () => {} }) }),
    ).toThrow(/does not declare/);
  });

  it("definition members are rendered as given; null leaves one out; raw parameters count as declared", () => {
    const p = definePlaybook({
      name: "raw-definition",
      description: "d",
      trigger: recurrence({ frequency: "Day", interval: 1 }),
      definition: { contentVersion: null, outputs: { o: { type: "String", value: "@x" } }, staticResults: {}, parameters: { $authentication: { type: "SecureObject", defaultValue: {} } } },
      build({ flow }) {
        flow.compose("A", raw("@parameters('$authentication')"));
      },
    });
    expect(Object.keys(p.definition).sort()).toEqual(["$schema", "actions", "outputs", "parameters", "staticResults", "triggers"]);
    expect(p.definition.outputs).toEqual({ o: { type: "String", value: "@x" } });
    expect(p.definition.parameters).toEqual({ $authentication: { type: "SecureObject", defaultValue: {} } });
  });

  it("a path parameter that is already encodeURIComponent(…) is not encoded twice", () => {
    const p = definePlaybook({
      name: "encoded",
      description: "d",
      trigger,
      build({ flow }) {
        flow.step("Get machine", defenderConnector.getMachine({ machineId: raw("@encodeURIComponent(triggerBody())") }));
      },
    });
    expect((p.definition.actions.Get_machine as { inputs: { path: string } }).inputs.path).toBe("/api/machines/@{encodeURIComponent(triggerBody())}");
  });
});
