// Imported by playbook-kit import. Imported from logicappunit-loop-workflow.json.
import { type Untyped, call, definePlaybook, equals, rawTrigger, text } from "playbook-kit";

export default definePlaybook({
  name: "logicappunit-loop-workflow",
  description: "Imported from logicappunit-loop-workflow.json.",
  definition: { parameters: null },
  triggerName: "manual",
  trigger: rawTrigger("manual", {
    type: "Request",
    kind: "Http",
    inputs: {
      method: "POST",
      schema: { properties: { numberOfIterations: { type: "integer" } }, type: "object" },
    },
  }),
  build: ({ flow, trigger }) => {
    const loopCounter = flow.variable<number>("Initialize loopCounter", {
      name: "loopCounter",
      type: "integer",
      value: 0,
    });
    const systemOneResponses = flow.variable<Untyped[]>("Initialize systemOneResponses", {
      name: "systemOneResponses",
      type: "array",
    });
    const systemTwoResponses = flow.variable<Untyped[]>("Initialize systemTwoResponses", {
      name: "systemTwoResponses",
      type: "array",
    });
    flow.until("Until Loop", (flow) => {
      flow.increment("Increment variable", loopCounter, 1, { runAfter: false });
      const callServiceOne = flow.action("Call Service One", {
        type: "Http",
        inputs: {
          method: "POST",
          uri: text`${call("parameters", "ServiceOne-Url")}/doSomethingInsideUntilLoop`,
          headers: { "Content-Type": "application/json" },
          body: { iterationNumber: loopCounter.value },
        },
        operationOptions: "DisableAsyncPattern",
      });
      flow.appendToArray("Append response to systemOneResponses", systemOneResponses, callServiceOne.body, {
        on: ["Succeeded", "Failed"],
      });
      return equals(loopCounter.value, trigger.body.numberOfIterations);
    });
    flow.forEach("For Each Loop", systemOneResponses.value, (flow, forEachLoopItem) => {
      const callServiceTwo = flow.http(
        "Call Service Two",
        {
          method: "POST",
          uri: text`${call("parameters", "ServiceTwo-Url")}/doSomethingInsideForEachLoop`,
          headers: { "Content-Type": "application/json" },
          body: forEachLoopItem,
        },
        { runAfter: false },
      );
      flow.appendToArray("Append response to systemTwoResponses", systemTwoResponses, callServiceTwo.body, {
        on: ["Succeeded", "Failed"],
      });
    });
    flow.action("Response", {
      type: "Response",
      kind: "http",
      inputs: {
        body: {
          loopCounter: loopCounter.value,
          serviceOneResponses: systemOneResponses.value,
          serviceTwoResponses: systemTwoResponses.value,
        },
        headers: { "Content-Type": "application/json" },
        statusCode: 200,
      },
    });
  },
});
