// Imported by playbook-kit import. Imported from solutions-isolate-mdemachine-alert.json (/resources/2/properties).
import { call, defender, definePlaybook, lit, sentinel, text } from "playbook-kit";

export default definePlaybook({
  name: "isolate-mdemachine",
  description: "Imported from solutions-isolate-mdemachine-alert.json (/resources/2/properties).",
  definition: { parameters: { $connections: { defaultValue: {}, type: "Object" } } },
  triggerName: "Microsoft_Sentinel_alert",
  trigger: sentinel.alertTrigger(),
  build: ({ flow, trigger }) => {
    const alertGetIncident = flow.step("Alert - Get incident", sentinel.alertGetIncident({
      subscriptionId: call("encodeURIComponent", trigger.body.WorkspaceSubscriptionId),
      resourceGroup: call("encodeURIComponent", trigger.body.WorkspaceResourceGroup),
      workspaceId: call("encodeURIComponent", trigger.body.WorkspaceId),
      alertId: call("encodeURIComponent", trigger.body.SystemAlertId),
    }));
    const entitiesGetHosts = flow.step("Entities - Get Hosts", sentinel.getHosts({
      entities: trigger.body.Entities,
    }));
    flow.forEach("For each", entitiesGetHosts.body.Hosts, (flow, forEachItem) => {
      flow.if(
        "Condition",
        { and: [{ not: { equals: [forEachItem.MdatpDeviceId, lit(null)] } }] },
        (flow) => {
          const actionsIsolateMachine = flow.step("Actions - Isolate machine", defender.isolateMachine({
            machineId: call("encodeURIComponent", forEachItem.MdatpDeviceId),
            comment: text(
              "Isolated from playbook for Microsoft Sentinel Incident:  ",
              alertGetIncident.body.properties.incidentNumber,
              " - ",
              alertGetIncident.body.properties.title,
            ),
            isolationType: "Full",
          }));
          flow.step("Add comment to incident (V3)", sentinel.addIncidentComment({
            incidentArmId: alertGetIncident.body.id,
            message: text(
              "<p>",
              forEachItem.HostName,
              " was isolated in MDE and the status was ",
              actionsIsolateMachine.body.status,
              "</p>",
            ),
          }));
        },
        (flow) => {
          flow.step("Add comment to incident (V3) 2", sentinel.addIncidentComment({
            incidentArmId: alertGetIncident.body.id,
            message: text(
              "<p>",
              forEachItem.HostName,
              " does not have MDEDeviceID in the Entities list. &nbsp;It was not isolated.&nbsp;</p>",
            ),
          }));
        },
      );
    });
  },
});
