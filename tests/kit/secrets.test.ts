/** Steps that handle secrets are secured without `{ secure: true }`; what Logic Apps cannot hide fails the build. */
import { describe, expect, it } from "vitest";
import { param, split, equals, text, type Flow } from "../../playbooks/kit";
import { SECURED, simulate } from "../../simulator";
import { validate } from "../../validators";
import { walkActions, type Obj } from "../../wdl";
import { buildWith } from "./support";

const secrets = { apiKey: param.secureString(), recipients: param.secureString(), plain: param.string({ default: "x" }) };
type Params = { apiKey: ReturnType<typeof param.secureString>; recipients: ReturnType<typeof param.secureString>; plain: ReturnType<typeof param.string> };

function build(steps: (flow: Flow, params: Record<keyof Params, never>) => void) {
  return buildWith(steps as never, secrets);
}

function actions(definition: unknown): Map<string, Obj> {
  const out = new Map<string, Obj>();
  walkActions((definition as Obj).actions, "/actions", (v) => out.set(v.name, v.action));
  return out;
}

const secureData = (a: Obj | undefined) => (a?.runtimeConfiguration as Obj | undefined)?.secureData;
const ALL = { properties: ["inputs", "outputs"] };

function buildFailure(steps: (flow: Flow, params: Record<keyof Params, never>) => void): Error & { code: string; location?: string } {
  try {
    build(steps);
  } catch (error) {
    return error as Error & { code: string; location?: string };
  }
  throw new Error("expected the build to fail");
}

describe("automatic secureData", () => {
  it("secures a call that reads a secure parameter, and every step downstream of it, with the properties its type supports", () => {
    const p = build((flow, params) => {
      const call = flow.http("Call API", { method: "GET", uri: "https://api.contoso.com/v1/items", headers: { "x-api-key": params.apiKey } });
      const picked = flow.compose("Pick", call.body);
      flow.select("Shape", picked.value as never, (item) => ({ id: item }));
      flow.compose("Plain", params.plain);
    });
    const a = actions(p.definition);
    expect(secureData(a.get("Call_API"))).toEqual(ALL);
    // Compose supports hiding its inputs only (and then hides its outputs with them).
    expect(secureData(a.get("Pick"))).toEqual({ properties: ["inputs"] });
    expect(secureData(a.get("Shape"))).toEqual(ALL);
    expect(secureData(a.get("Plain"))).toBeUndefined();
  });

  it("the validator's secure-data-missing stays quiet, and the simulator hides the values, though the author wrote no `secure`", () => {
    const p = build((flow, params) => {
      const list = flow.select("Recipients", split(params.recipients, ";"), (address) => ({ emailAddress: { address } }));
      flow.http("Send", { method: "POST", uri: "https://mail.contoso.com/send", body: { to: list.body } });
    });
    expect(validate(p.definition).map((d) => d.code)).not.toContain("secure-data-missing");
    const run = simulate(p.definition, {
      parameters: { apiKey: "k", recipients: "soc@contoso.com" },
      mocks: [{ http: { method: "POST", uri: "https://mail.contoso.com/send" }, response: { status: 202 } }],
    });
    expect(run.action("Recipients").outputs).toBe(SECURED);
    expect(run.action("Send").inputs).toBe(SECURED);
    expect(JSON.stringify(run.toJSON())).not.toContain("soc@contoso.com");
  });

  it("a loop over secret data passes the secret to the steps that read its item; a condition on a secret needs nothing", () => {
    const p = build((flow, params) => {
      flow.forEach("Each recipient", split(params.recipients, ";"), (body, item) => {
        body.compose("Address", text`<${item}>`);
        body.compose("Constant", "fixed");
      });
      flow.if("Key is set", equals(params.apiKey, ""), (then) => void then.compose("Empty", "no key"));
    });
    const a = actions(p.definition);
    expect(secureData(a.get("Each_recipient"))).toBeUndefined();
    expect(secureData(a.get("Address"))).toEqual({ properties: ["inputs"] });
    expect(secureData(a.get("Constant"))).toBeUndefined();
    expect(secureData(a.get("Key_is_set"))).toBeUndefined();
    expect(secureData(a.get("Empty"))).toBeUndefined();
  });

  it("explicit `secure: true` on a Compose renders the one property the service supports", () => {
    const p = build((flow) => void flow.compose("Note", "hello", { secure: true }));
    expect(secureData(actions(p.definition).get("Note"))).toEqual({ properties: ["inputs"] });
  });
});

describe("secrets the service cannot hide fail the build with the author's line", () => {
  it("a variable set from a secure parameter: secret-not-hideable, naming the step and this file", () => {
    const error = buildFailure((flow, params) => {
      flow.variable("Token", { name: "token", type: "string", value: params.apiKey });
    });
    expect(error.code).toBe("secret-not-hideable");
    expect(error.message).toMatch(
      /^\[secret-not-hideable\] Token: 'Token' reads the secure parameter 'apiKey', but Logic Apps cannot hide an InitializeVariable action's inputs in run history, so the secret would show there: read the secret where it is needed instead of storing it in a variable\. \(at tests\/kit\/secrets\.test\.ts:\d+:\d+\)$/,
    );
    expect(error.location).toMatch(/^tests\/kit\/secrets\.test\.ts:\d+:\d+$/);
  });

  it("a Terminate whose message reads a secured step", () => {
    const error = buildFailure((flow, params) => {
      const call = flow.http("Call API", { method: "GET", uri: "https://api.contoso.com", headers: { "x-api-key": params.apiKey } });
      flow.terminate("Stop", { status: "Failed", code: "Bad", message: text`Got ${call.body}` }, { after: call, on: "Failed" });
    });
    expect(error.message).toContain("'Stop' reads the outputs of 'Call API', which are secured, but Logic Apps cannot hide a Terminate action's inputs");
  });

  it("`secure: false` on a step that reads a secret: secret-shown", () => {
    const error = buildFailure((flow, params) => void flow.compose("Show", params.apiKey, { secure: false }));
    expect(error.code).toBe("secret-shown");
    expect(error.message).toContain("'Show' reads the secure parameter 'apiKey', but it sets `secure: false`");
  });

  it("`secure: true` on an action type the service cannot hide: secure-not-supported", () => {
    const error = buildFailure((flow) => void flow.variable("Count", { name: "n", type: "integer", value: 1 }, { secure: true }));
    expect(error.code).toBe("secure-not-supported");
  });

  it("errors found after the build function returned name the author's line too (step-not-yet-run)", () => {
    const error = buildFailure((flow) => {
      let inner: { value: unknown } | undefined;
      flow.if(
        "Branch",
        true,
        (then) => void (inner = then.compose("Inner", 1)),
        (otherwise) => void otherwise.compose("Other", { v: inner!.value as never }),
      );
    });
    expect(error.code).toBe("step-not-yet-run");
    expect(error.message).toMatch(/it is in another branch .* \(at tests\/kit\/secrets\.test\.ts:\d+:\d+\)$/);
  });
});
