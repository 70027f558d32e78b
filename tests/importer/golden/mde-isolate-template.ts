// Imported by playbook-kit import. Imported from solutions-isolate-mdemachine-alert.json (/resources/2/properties).
import { defender, definePlaybook, raw, rawTrigger, sentinel } from "playbook-kit";

export default definePlaybook({
  name: "isolate-mdemachine",
  description: "Imported from solutions-isolate-mdemachine-alert.json (/resources/2/properties).",
  definition: { parameters: { $connections: { defaultValue: {}, type: "Object" } } },
  triggerName: "Microsoft_Sentinel_alert",
  trigger: rawTrigger("Microsoft Sentinel alert", {
    type: "ApiConnectionWebhook",
    inputs: {
      host: { connection: { name: "@parameters('$connections')['azuresentinel']['connectionId']" } },
      path: "/subscribe",
      body: { callback_url: "@{listCallbackUrl()}" },
    },
  }),
  build: ({ flow }) => {
    flow.step("Alert - Get incident", sentinel.alertGetIncident({
      subscriptionId: raw("@encodeURIComponent(triggerBody()?['WorkspaceSubscriptionId'])"),
      resourceGroup: raw("@encodeURIComponent(triggerBody()?['WorkspaceResourceGroup'])"),
      workspaceId: raw("@encodeURIComponent(triggerBody()?['WorkspaceId'])"),
      alertId: raw("@encodeURIComponent(triggerBody()?['SystemAlertId'])"),
    }));
    flow.step("Entities - Get Hosts", sentinel.getHosts({ entities: raw("@triggerBody()?['Entities']") }));
    flow.container("For each", { type: "Foreach", foreach: raw("@body('Entities_-_Get_Hosts')?['Hosts']") }, {
      actions: (flow) => {
        flow.container(
          "Condition",
          {
            type: "If",
            expression: {
              and: [{ not: { equals: [raw("@items('For_each')?['MdatpDeviceId']"), raw("@null")] } }],
            },
          },
          {
            actions: (flow) => {
              flow.step("Actions - Isolate machine", defender.isolateMachine({
                machineId: raw("@encodeURIComponent(items('For_each')?['MdatpDeviceId'])"),
                comment: raw(
                  "Isolated from playbook for Microsoft Sentinel Incident:  " +
                  "@{body('Alert_-_Get_incident')?['properties']?['incidentNumber']} - " +
                  "@{body('Alert_-_Get_incident')?['properties']?['title']}",
                ),
                isolationType: "Full",
              }));
              flow.step("Add comment to incident (V3)", sentinel.addIncidentComment({
                incidentArmId: raw("@body('Alert_-_Get_incident')?['id']"),
                message: raw(
                  "<p>@{items('For_each')?['HostName']} was isolated in MDE and the status was " +
                  "@{body('Actions_-_Isolate_machine')?['status']}</p>",
                ),
              }));
            },
            else: (flow) => {
              flow.step("Add comment to incident (V3) 2", sentinel.addIncidentComment({
                incidentArmId: raw("@body('Alert_-_Get_incident')?['id']"),
                message: raw(
                  "<p>@{items('For_each')?['HostName']} does not have MDEDeviceID in the Entities list. &nbsp;It was " +
                  "not isolated.&nbsp;</p>",
                ),
              }));
            },
          },
        );
      },
    });
  },
});
