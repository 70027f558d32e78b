/**
 * Author properties declared in definePlaybook: checked by verify (library and CLI) beside the built-in ones, with
 * their own codes, shrunk counterexamples and replay; quiet on playbooks that keep them; build errors for codes
 * that clash and conditions that cannot be judged.
 */
import { describe, expect, it } from "vitest";
import { always, BUILTIN_PROPERTY_CODES, called, coalesce, definePlaybook, empty, failed, never, not, param, unless, when, withMode, type PlaybookProperty } from "../../playbooks/kit";
import { defender, outlook } from "../../playbooks/connectors";
import { BUILTIN_PROPERTIES, replay, verify, verifyJson } from "../../verifier";
import { runCli } from "../support/cli";
import * as d from "./defects";

/** An isolation playbook with the given properties; its email after the isolation runs on every outcome unless `emailOnFailure` is false. */
function isolation(properties: (p: { isolationType: never; sendEmail: never }) => PlaybookProperty[], emailOnFailure = true) {
  return definePlaybook({
    name: "author-properties",
    description: "Isolation with declared properties.",
    parameters: {
      notifyTo: param.string({ default: "soc@contoso.com", description: "Recipients." }),
      isolationType: param.choice(["Selective", "Full"], { default: "Selective", description: "How to isolate." }),
      sendEmail: param.bool({ default: true, description: "Email after isolating." }),
    },
    trigger: defender.alertCreated(),
    properties: ({ params }) => properties(params as never),
    build({ flow, params, trigger }) {
      const machineId = coalesce(trigger.body.machineId, "");
      flow.if("Has machine", not(empty(machineId)), (then) => {
        const isolate = then.step("Isolate", defender.isolateMachine({ machineId, comment: "isolated", isolationType: params.isolationType }));
        const on = emailOnFailure ? (["Succeeded", "Failed", "TimedOut"] as const) : (["Succeeded"] as const);
        then.step("Email", outlook.sendEmail({ to: params.notifyTo, subject: "isolation", body: "see the run" }), { after: isolate, on: [...on] });
        then.terminate("Fail run", { status: "Failed", code: "IsolationFailed", message: "isolation failed" }, { after: isolate, on: ["Failed", "TimedOut"] });
      });
    },
  });
}

describe("author properties fire", () => {
  it("never(isolateMachine, when(isolationType, Full)): found with its own code, shrunk to that parameter, replayed", () => {
    const p = isolation((params) => [never(defender.isolateMachine, when(params.isolationType, "Full"))]);
    const r = verify(p);
    expect(r.properties).toEqual([...BUILTIN_PROPERTY_CODES, "never-isolate-machine-when-isolation-type"]);
    expect(r.codes).toEqual(["never-isolate-machine-when-isolation-type"]);
    const v = r.violations[0]!;
    expect(v.action).toBe("Isolate");
    expect(v.message).toBe(`never isolateMachine parameters('isolationType') is "Full": 'Isolate' calls isolateMachine.`);
    expect(v.scenario.params).toEqual({ isolationType: "Full" });
    expect(replay(p, v.scenario).codes).toEqual(["never-isolate-machine-when-isolation-type"]);
    expect(JSON.parse(verifyJson([r])).playbooks[0].violations[0].property).toBe("never-isolate-machine-when-isolation-type");
  });

  it("always(sendEmail, called(isolateMachine)): a failed isolation that emails nobody is found, at the isolation", () => {
    const p = isolation(() => [always(outlook.sendEmail, called(defender.isolateMachine)).as("email-after-isolation")], false);
    const r = verify(p);
    expect(r.codes).toEqual(["email-after-isolation"]);
    const v = r.violations[0]!;
    expect(v.action).toBe("Isolate");
    expect(v.message).toBe("always sendEmail after a call of isolateMachine: the run makes no call of sendEmail after 'Isolate'.");
    const isolate = v.scenario.mocks.find((m) => (m as { action?: string }).action === "Isolate") as { response: { status: number } };
    expect(isolate.response.status).toBe(400);
    expect(replay(p, v.scenario).codes).toEqual(["email-after-isolation"]);
  });

  it("unless() and failed(): isolation after a failed lookup is found", () => {
    const p = definePlaybook({
      name: "isolate-after-failed-lookup",
      description: "Isolates even when the machine lookup failed.",
      parameters: { notifyTo: param.string({ default: "soc@contoso.com", description: "Recipients." }) },
      trigger: defender.alertCreated(),
      properties: ({ params }) => [never(defender.isolateMachine, failed(defender.getMachine), unless(params.notifyTo, "nobody@contoso.com"))],
      build({ flow, params, trigger }) {
        const machineId = coalesce(trigger.body.machineId, "machine-1");
        const machine = flow.step("Get machine", defender.getMachine({ machineId }));
        const isolate = flow.step("Isolate", defender.isolateMachine({ machineId, comment: "isolated", isolationType: "Full" }), { after: machine, on: ["Succeeded", "Failed", "TimedOut"] });
        flow.step("Email", outlook.sendEmail({ to: params.notifyTo, subject: "isolation", body: "see the run" }), { after: isolate, on: ["Succeeded", "Failed", "TimedOut"] });
      },
    });
    const r = verify(p);
    expect(r.codes).toEqual(["never-isolate-machine-failed-get-machine-unless-notify-to"]);
    const get = r.violations[0]!.scenario.mocks.find((m) => (m as { action?: string }).action === "Get_machine") as { response: { status: number } };
    expect(get.response.status).toBe(400);
  });
});

describe("author properties stay quiet", () => {
  it("a playbook that keeps its properties verifies clean, exhaustively", () => {
    const p = isolation((params) => [always(outlook.sendEmail, called(defender.isolateMachine)), never(defender.isolateMachine, when(params.sendEmail, false)), never(defender.isolateMachine, failed(defender.getMachine))]);
    const r = verify(p);
    expect(r.codes).toEqual([]);
    expect(r.complete).toBe(true);
    expect(r.properties.slice(BUILTIN_PROPERTY_CODES.length)).toEqual(["always-send-email-called-isolate-machine", "never-isolate-machine-when-send-email", "never-isolate-machine-failed-get-machine"]);
  });

  it("withMode keeps them: the audit build never calls isolateMachine, so never(…) is quiet there", () => {
    const p = isolation((params) => [never(defender.isolateMachine, when(params.isolationType, "Full"))]);
    expect(verify(d.correctIsolation()).codes).toEqual([]);
    const audit = verify(withMode(p, "audit"));
    expect(audit.properties).toContain("never-isolate-machine-when-isolation-type");
    expect(audit.codes).toEqual([]);
  });
});

describe("declaring properties", () => {
  it("the kit's list of built-in codes is the verifier's", () => {
    expect([...BUILTIN_PROPERTY_CODES]).toEqual(BUILTIN_PROPERTIES.map((p) => p.code));
  });

  it("rejects a built-in code, a duplicate code and a condition on something else than a parameter or trigger field", () => {
    expect(() => never(defender.isolateMachine).as("excluded-target")).toThrow(/reserved-property-code|built-in property/);
    expect(() => isolation(() => [never(defender.isolateMachine), never(defender.isolateMachine)])).toThrow(/Two properties have the code 'never-isolate-machine'/);
    expect(() => isolation(() => [never(defender.isolateMachine, when(coalesce<string>("a", "b"), "a"))])).toThrow(/compares a parameter/);
  });
});

describe("verify CLI", () => {
  it("reports a declared property's code in JSON and text, exit 1", () => {
    const file = "tests/fixtures/verify/full-isolation-property.ts";
    const json = runCli(["verify", file, "--format", "json"]);
    expect(json.code).toBe(1);
    const v = JSON.parse(json.stdout).playbooks[0].violations;
    expect(v.map((x: { property: string }) => x.property)).toEqual(["never-isolate-machine-when-isolation-type"]);
    expect(v[0].scenario.params).toEqual({ isolationType: "Full" });
    const text = runCli(["verify", file]);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain("✗ never-isolate-machine-when-isolation-type: never isolateMachine parameters('isolationType') is \"Full\"");
    expect(text.stdout).toContain("always-send-email-called-isolate-machine");
  });
});
