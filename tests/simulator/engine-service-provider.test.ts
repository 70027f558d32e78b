/**
 * ServiceProvider actions (Logic Apps Standard built-in connectors) are mocked by service provider id and operation
 * (issue 14.5). Shape as the Standard designer writes it (docs: logic-apps/create-single-tenant-workflows-azure-portal,
 * built-in connectors): `inputs.parameters` and `inputs.serviceProviderConfiguration` {connectionName, operationId,
 * serviceProviderId}.
 */
import { describe, expect, it } from "vitest";
import { SimulationError, simulate } from "../../simulator";
import { compose, def } from "./support";

const send = {
  type: "ServiceProvider",
  inputs: {
    parameters: { entityName: "alerts", message: { contentData: "@triggerBody()" } },
    serviceProviderConfiguration: { connectionName: "serviceBus", operationId: "sendMessage", serviceProviderId: "/serviceProviders/serviceBus" },
  },
  runAfter: {},
};
const workflow = { definition: def({ Send: send, After: compose("@body('Send')", { Send: ["Succeeded"] }) }), kind: "Stateful" };

describe("ServiceProvider actions", () => {
  it("a mock by service provider id and operation answers; the call is recorded with its parameters", () => {
    const run = simulate(workflow, { trigger: { body: { id: 7 } }, mocks: [{ serviceProvider: { id: "/serviceProviders/serviceBus", operation: "SendMessage" }, response: { status: 200, body: { sequence: 1 } } }] });
    expect(run.status).toBe("Succeeded");
    expect(run.action("After").outputs).toEqual({ sequence: 1 });
    expect(run.calls).toEqual([{ action: "Send", method: "sendMessage", serviceProvider: "/serviceProviders/serviceBus", body: { entityName: "alerts", message: { contentData: { id: 7 } } } }]);
    expect(run.callsTo("serviceProvider", "sendmessage", "**/serviceBus")).toHaveLength(1);
    expect(run.callsTo("http")).toHaveLength(0);
  });

  it("patterns and failures work as for other calls; an unmocked call names the mock to add", () => {
    const failing = simulate(workflow, { mocks: [{ serviceProvider: { id: "**/serviceBus" }, response: { status: 500 } }] });
    expect(failing.action("Send").status).toBe("Failed");
    expect(failing.callsFrom("Send")).toHaveLength(5); // default retry policy: 4 retries on 5xx
    const unmocked = simulate(workflow);
    expect(unmocked.action("Send").error!.code).toBe("UnmockedCall");
    expect(unmocked.action("Send").error!.message).toContain('{"serviceProvider":{"id":"/serviceProviders/serviceBus","operation":"sendMessage"},"response":{"status":200,"body":{}}}');
    expect(simulate(workflow, { mocks: [{ serviceProvider: { id: "/serviceProviders/eventHub" }, response: { status: 200 } }] }).action("Send").error!.code).toBe("UnmockedCall");
  });

  it("mock entries are checked", () => {
    expect(() => simulate(workflow, { mocks: [{ serviceProvider: { id: "x", op: "y" }, response: { status: 200 } } as never] })).toThrow(SimulationError);
    expect(() => simulate(workflow, { mocks: [{ serviceProvider: { id: "x" }, method: "post", response: { status: 200 } } as never] })).toThrow(/go with 'connector'/);
  });
});
