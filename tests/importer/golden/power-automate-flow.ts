// Imported by playbook-kit import. Imported from getaadgroups.json (/properties).
import { call, definePlaybook, raw, rawTrigger } from "playbook-kit";

export default definePlaybook({
  name: "getaadgroups",
  description: "Imported from getaadgroups.json (/properties).",
  definition: {
    parameters: {
      $authentication: { defaultValue: {}, type: "SecureObject" },
      $connections: { defaultValue: {}, type: "Object" },
    },
  },
  triggerName: "manual",
  trigger: rawTrigger("manual", {
    type: "Request",
    kind: "PowerAppV2",
    inputs: { schema: { properties: {}, required: [], type: "object" } },
  }),
  build: ({ flow }) => {
    const invokeAnHTTPRequest = flow.action("Invoke an HTTP request", {
      type: "OpenApiConnection",
      inputs: {
        host: {
          apiId: "/providers/Microsoft.PowerApps/apis/shared_webcontents",
          connectionName: "shared_webcontents",
          operationId: "InvokeHttp",
        },
        authentication: call("parameters", "$authentication"),
        parameters: {
          "request/method": "GET",
          "request/url": "https://graph.microsoft.com/v1.0/groups?$select=id,displayName&$orderby=displayName",
        },
      },
    });
    flow.action("Response", {
      type: "Response",
      kind: "Http",
      inputs: {
        body: invokeAnHTTPRequest.outputs.body,
        schema: {
          properties: {
            "@@odata.context": { type: "string" },
            value: {
              items: {
                properties: {
                  "@@odata.id": { type: "string" },
                  displayName: { type: "string" },
                  id: { type: "string" },
                },
                required: [raw("@@odata.id"), "id", "displayName"],
                type: "object",
              },
              type: "array",
            },
          },
          type: "object",
        },
        statusCode: 200,
      },
    });
  },
});
