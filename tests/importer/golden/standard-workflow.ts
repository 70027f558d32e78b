// Imported by playbook-kit import. Imported from logicappunit-loop-workflow.json.
import { definePlaybook, raw, rawTrigger } from "playbook-kit";

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
  build: ({ flow }) => {
    const untilLoop = flow.container(
      "Until Loop",
      {
        type: "Until",
        expression: raw("@equals(variables('loopCounter'), triggerBody()?['numberOfIterations'])"),
        limit: { count: 60, timeout: "PT1H" },
      },
      {
        actions: (flow) => {
          flow.action(
            "Call Service One",
            {
              type: "Http",
              inputs: {
                method: "POST",
                uri: raw("@{parameters('ServiceOne-Url')}/doSomethingInsideUntilLoop"),
                headers: { "Content-Type": "application/json" },
                body: { iterationNumber: raw("@variables('loopCounter')") },
              },
              operationOptions: "DisableAsyncPattern",
            },
            { runAfter: { Increment_variable: ["Succeeded"] } },
          );
          flow.action(
            "Append response to systemOneResponses",
            {
              type: "AppendToArrayVariable",
              inputs: { name: "systemOneResponses", value: raw("@body('Call_Service_One')") },
            },
            { on: ["Succeeded", "Failed"] },
          );
          flow.action(
            "Increment variable",
            { type: "IncrementVariable", inputs: { name: "loopCounter", value: 1 } },
            { runAfter: false },
          );
        },
      },
      { runAfter: { Initialize_systemTwoResponses: ["Succeeded"] } },
    );
    const initializeSystemOneResponses = flow.action(
      "Initialize systemOneResponses",
      { type: "InitializeVariable", inputs: { variables: [{ name: "systemOneResponses", type: "array" }] } },
      { runAfter: { Initialize_loopCounter: ["Succeeded"] } },
    );
    flow.action(
      "Response",
      {
        type: "Response",
        kind: "http",
        inputs: {
          body: {
            loopCounter: raw("@variables('loopCounter')"),
            serviceOneResponses: raw("@variables('systemOneResponses')"),
            serviceTwoResponses: raw("@variables('systemTwoResponses')"),
          },
          headers: { "Content-Type": "application/json" },
          statusCode: 200,
        },
      },
      { runAfter: { For_Each_Loop: ["Succeeded"] } },
    );
    flow.container(
      "For Each Loop",
      {
        type: "Foreach",
        foreach: raw("@variables('systemOneResponses')"),
        runtimeConfiguration: { concurrency: { repetitions: 1 } },
      },
      {
        actions: (flow) => {
          flow.action(
            "Call Service Two",
            {
              type: "Http",
              inputs: {
                method: "POST",
                uri: raw("@{parameters('ServiceTwo-Url')}/doSomethingInsideForEachLoop"),
                headers: { "Content-Type": "application/json" },
                body: raw("@items('For_Each_Loop')"),
              },
            },
            { runAfter: false },
          );
          flow.action(
            "Append response to systemTwoResponses",
            {
              type: "AppendToArrayVariable",
              inputs: { name: "systemTwoResponses", value: raw("@body('Call_Service_Two')") },
            },
            { on: ["Succeeded", "Failed"] },
          );
        },
      },
      { after: untilLoop },
    );
    flow.action(
      "Initialize systemTwoResponses",
      { type: "InitializeVariable", inputs: { variables: [{ name: "systemTwoResponses", type: "array" }] } },
      { after: initializeSystemOneResponses },
    );
    flow.action(
      "Initialize loopCounter",
      {
        type: "InitializeVariable",
        inputs: { variables: [{ name: "loopCounter", type: "integer", value: 0 }] },
      },
      { runAfter: {} },
    );
  },
});
