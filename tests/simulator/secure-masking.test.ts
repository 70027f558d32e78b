/**
 * Secure values stay hidden in every channel of a simulated run, not only in inputs and outputs: the call URI
 * and path (record and text view), the UnmockedCall message, error messages that quote an argument, retry and
 * timeout messages. A value is secure when it comes from a SecureString/SecureObject parameter or from outputs
 * the run hides (secureData). `revealSecureData` shows them on purpose.
 */
import { describe, expect, it } from "vitest";
import { isolateOnHighSeverity } from "../../playbooks/catalog";
import { sampleAlert, sampleMachine, sampleMachineAction } from "../../playbooks/catalog/scenarios";
import { formatRunText, mocks, simulate, type RunRecord } from "../../simulator";
import { def } from "./support";

const MAILBOX = "mde-automation@contoso.com";
const everything = (run: RunRecord) => `${JSON.stringify(run)}\n${formatRunText(run)}`;

function isolateRun(revealSecureData?: boolean): RunRecord {
  return simulate(isolateOnHighSeverity().definition, {
    trigger: { body: { id: "da1", machineId: "m1" } },
    parameters: { notifyTo: "soc@contoso.com", senderMailbox: MAILBOX },
    mocks: [
      mocks.defender.getAlert({ status: 200, body: sampleAlert("High") }),
      mocks.defender.getMachine({ status: 200, body: sampleMachine([]) }),
      mocks.defender.isolateMachine({ status: 201, body: sampleMachineAction() }),
      mocks.graphMail.sendMail({ status: 202 }),
    ],
    ...(revealSecureData ? { revealSecureData } : {}),
  });
}

const secureParam = { key: { type: "SecureString", defaultValue: "k3y-abcdef-0123" } };

describe("secure values in every channel", () => {
  it("the shipped isolate playbook: the sender mailbox is in no call URI, record or text line", () => {
    const run = isolateRun();
    expect(run.status).toBe("Succeeded");
    const mail = run.calls.find((c) => c.uri?.includes("sendMail"))!;
    expect(mail.uri).toBe("https://graph.microsoft.com/v1.0/users/***/sendMail");
    expect(everything(run)).not.toContain(MAILBOX);
    expect(everything(run)).not.toContain(encodeURIComponent(MAILBOX));
  });

  it("revealSecureData shows them on purpose", () => {
    expect(isolateRun(true).calls.find((c) => c.uri?.includes("sendMail"))!.uri).toMatch(/users\/mde-automation(@|%40)contoso\.com\/sendMail/);
  });

  it("the UnmockedCall message and the call path do not show a secure parameter", () => {
    const definition = def({ Call: { type: "Http", inputs: { method: "GET", uri: "https://api.example.com/items?code=@{parameters('key')}" }, runAfter: {} } }, { parameters: secureParam });
    const run = simulate(definition);
    expect(run.action("Call").error!.code).toBe("UnmockedCall");
    expect(run.action("Call").error!.message).toContain("code=***");
    expect(everything(run)).not.toContain("k3y-abcdef-0123");
  });

  it("an error message that quotes a secure argument does not show it", () => {
    const run = simulate(def({ C: { type: "Compose", inputs: "@int(parameters('key'))", runAfter: {} } }, { parameters: secureParam }));
    expect(run.action("C").status).toBe("Failed");
    expect(run.action("C").error!.message).toContain("***");
    expect(everything(run)).not.toContain("k3y-abcdef-0123");
  });

  it("values from hidden outputs stay hidden where a later call uses them (URI, retry and failure messages)", () => {
    const definition = def({
      Secret: { type: "Http", inputs: { method: "GET", uri: "https://vault.example.com/secret" }, runtimeConfiguration: { secureData: { properties: ["outputs"] } }, runAfter: {} },
      Use: {
        type: "Http",
        inputs: { method: "GET", uri: "https://api.example.com/x?sig=@{body('Secret')?['value']}", retryPolicy: { type: "fixed", count: 1, interval: "PT5S" } },
        runAfter: { Secret: ["Succeeded"] },
      },
    });
    const run = simulate(definition, {
      mocks: [
        { http: { uri: "https://vault.example.com/*" }, response: { status: 200, body: { value: "sig-9f8e7d6c5b" } } },
        { http: { uri: "https://api.example.com/*" }, response: { status: 500 } },
      ],
    });
    expect(run.action("Use").status).toBe("Failed");
    expect(run.callsFrom("Use").map((c) => c.uri)).toEqual(["https://api.example.com/x?sig=***", "https://api.example.com/x?sig=***"]);
    expect(everything(run)).not.toContain("sig-9f8e7d6c5b");
    expect(simulate(definition, { mocks: [{ http: {}, response: { status: 200, body: { value: "sig-9f8e7d6c5b" } } }], revealSecureData: true }).callsFrom("Use")[0]!.uri).toContain("sig-9f8e7d6c5b");
  });
});
