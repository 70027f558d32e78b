/**
 * Exact JSON of the Sentinel and Graph security operations. Sentinel triggers and actions are rebuilt with the
 * kit from what the corpus templates do (same step names, same arguments) and compared with the templates'
 * `inputs` exactly; the only normalisation is the case of `encodeURIComponent` (function names are
 * case-insensitive; the kit writes the documented `encodeUriComponent`). Graph security has no corpus template:
 * its bodies are compared with the v1.0 API pages' examples.
 */
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { defender, graphSecurity, sentinel } from "../../playbooks/connectors";
import { definePlaybook, text, type Flow, type Playbook, type Ref, type TriggerSpec } from "../../playbooks/kit";
import type { TriggerHandle } from "../../playbooks/kit/playbook";
import { defenderCatalogue, graphSecurityCatalogue, requiredPermissions } from "../../operations";
import { walkActions } from "../../wdl";
import { CORPUS, readJson } from "../support/paths";
import { buildWith } from "../kit/support";

type Obj = Record<string, any>;

/** The workflow definition of a corpus ARM template. */
function corpusDefinition(file: string): Obj {
  const template = readJson(path.join(CORPUS, file)) as Obj;
  return template.resources.find((r: Obj) => String(r.type).toLowerCase() === "microsoft.logic/workflows").properties.definition;
}

/** Every action of a definition by name, nested ones included. */
function actionsByName(definition: Obj): Record<string, Obj> {
  const out: Record<string, Obj> = {};
  walkActions(definition.actions, "/actions", (v) => void (out[v.name] = v.action as Obj));
  return out;
}

/** JSON with `encodeURIComponent` spelled the kit's way (same function: names are case-insensitive). */
const normalized = (value: unknown): unknown => JSON.parse(JSON.stringify(value).replace(/encodeURIComponent/g, "encodeUriComponent"));

function build<T>(trigger: TriggerSpec<T>, steps: (flow: Flow, trigger: TriggerHandle<T>) => void, triggerLabel?: string): Playbook {
  return definePlaybook({ name: "corpus-rebuild", description: "d", trigger, ...(triggerLabel ? { triggerLabel } : {}), build: ({ flow, trigger: t }) => steps(flow, t) });
}

describe("Sentinel triggers, as the corpus writes them", () => {
  it("incident: ApiConnectionWebhook, path /incident-creation, body {callback_url: @{listCallbackUrl()}}", () => {
    const corpus = corpusDefinition("sentinel-mde/isolate-mdemachine-incident.json");
    const ours = build(sentinel.incidentTrigger(), () => {}, "When Azure Sentinel incident creation rule was triggered");
    expect(ours.definition.triggers).toEqual(corpus.triggers);
  });

  it("alert: path /subscribe", () => {
    const corpus = corpusDefinition("sentinel-mde/solutions-isolate-mdemachine-alert.json");
    expect(build(sentinel.alertTrigger(), () => {}).definition.triggers).toEqual(corpus.triggers);
  });

  it("entity: path /entity/@{encodeURIComponent('Host')} (the corpus names its connection key microsoftsentinel)", () => {
    const corpus = corpusDefinition("sentinel-mde/solutions-unisolate-mdemachine-entity.json");
    const ours = build(sentinel.entityTrigger("Host"), () => {}).definition.triggers as Obj;
    const theirs = normalized(corpus.triggers) as Obj;
    expect(JSON.parse(JSON.stringify(ours).replace("['azuresentinel']", "['microsoftsentinel']"))).toEqual(theirs);
  });

  it("each trigger needs Microsoft Sentinel Reader on the workspace", () => {
    const triggers: TriggerSpec<unknown>[] = [sentinel.incidentTrigger(), sentinel.alertTrigger(), sentinel.entityTrigger("Account")];
    for (const trigger of triggers) {
      expect(requiredPermissions(build(trigger, () => {}).definition)).toEqual([{ kind: "azureRole", resource: "MicrosoftSentinel", role: "Microsoft Sentinel Reader", scope: "sentinelWorkspace" }]);
    }
  });
});

describe("Sentinel actions, rebuilt from corpus templates", () => {
  it("Isolate-MDEMachine (incident): Entities - Get Hosts, the isolate call, Add comment to incident (V3) — inputs identical", () => {
    const corpus = actionsByName(corpusDefinition("sentinel-mde/isolate-mdemachine-incident.json"));
    const ours = actionsByName(
      build(sentinel.incidentTrigger(), (flow, trigger) => {
        const hosts = flow.step("Entities - Get Hosts", sentinel.getHosts({ entities: trigger.body.object.properties.relatedEntities }));
        flow.forEach("For each", hosts.body.Hosts, (each, host) => {
          const isolate = each.step(
            "Actions - Isolate machine",
            defender.isolateMachine({
              // The template isolates whatever is there; the kit's type says the id may be missing (see resolveDevice).
              machineId: host.MdatpDeviceId as Ref<string>,
              comment: text`Isolated from playbook for Azure Sentinel Incident:  ${trigger.body.object.properties.incidentNumber} - ${trigger.body.object.properties.title}`,
              isolationType: "Full",
            }),
          );
          each.step(
            "Add comment to incident (V3)",
            sentinel.addIncidentComment({ incidentArmId: trigger.body.object.id, message: text`<p>${host.HostName} was isolated in MDE and the status was ${isolate.body.status}</p>` }),
          );
        });
      }).definition,
    );
    for (const name of ["Entities_-_Get_Hosts", "Actions_-_Isolate_machine", "Add_comment_to_incident_(V3)"]) {
      expect(normalized(ours[name]!.inputs), name).toEqual(normalized(corpus[name]!.inputs));
    }
  });

  it("Alert - Get incident (alert trigger), then Entities - Get Hosts on the alert's Entities", () => {
    const corpus = actionsByName(corpusDefinition("sentinel-mde/solutions-isolate-mdemachine-alert.json"));
    const ours = actionsByName(
      build(sentinel.alertTrigger(), (flow, trigger) => {
        flow.step(
          "Alert - Get incident",
          sentinel.alertGetIncident({ subscriptionId: trigger.body.WorkspaceSubscriptionId, resourceGroup: trigger.body.WorkspaceResourceGroup, workspaceId: trigger.body.WorkspaceId, alertId: trigger.body.SystemAlertId }),
        );
        flow.step("Entities - Get Hosts", sentinel.getHosts({ entities: trigger.body.Entities }));
      }).definition,
    );
    expect(normalized(ours["Alert_-_Get_incident"]!.inputs)).toEqual(normalized(corpus["Alert_-_Get_incident"]!.inputs));
    expect(ours["Entities_-_Get_Hosts"]!.inputs).toEqual(corpus["Entities_-_Get_Hosts"]!.inputs);
  });

  it("Update incident (Incident-Status-Sync-To-WDATP): PUT /Incidents with incidentArmId, status, classification", () => {
    const corpus = actionsByName(corpusDefinition("sentinel-mde/incident-status-sync-to-wdatp.json"));
    const ours = actionsByName(
      build(sentinel.alertTrigger(), (flow, trigger) => {
        const incident = flow.step(
          "Alert - Get incident",
          sentinel.alertGetIncident({ subscriptionId: trigger.body.WorkspaceSubscriptionId, resourceGroup: trigger.body.WorkspaceResourceGroup, workspaceId: trigger.body.WorkspaceId, alertId: trigger.body.SystemAlertId }),
        );
        flow.step(
          "Update incident",
          sentinel.updateIncident({ incidentArmId: incident.body.id, status: "Closed", classification: "Benign Positive - Suspicious But Expected", classificationComment: "Test_closure_by_template" }),
        );
      }).definition,
    );
    expect(ours.Update_incident!.inputs).toEqual(corpus.Update_incident!.inputs);
  });

  it("Entities - Get IPs / FileHashes (Get-MDEStatistics) and Get URLs (Restrict-MDEUrl): POST /entities/<kind> with the alert's Entities", () => {
    const stats = actionsByName(corpusDefinition("sentinel-mde/get-mdestatistics-alert.json"));
    const urls = actionsByName(corpusDefinition("sentinel-other/restrict-mdeurl-alert.json"));
    const ours = actionsByName(
      build(sentinel.alertTrigger(), (flow, trigger) => {
        flow.step("Entities - Get IPs", sentinel.getIPs({ entities: trigger.body.Entities }));
        flow.step("Entities - Get FileHashes", sentinel.getFileHashes({ entities: trigger.body.Entities }));
        flow.step("Entities - Get URLs", sentinel.getURLs({ entities: trigger.body.Entities }));
      }).definition,
    );
    expect(ours["Entities_-_Get_IPs"]!.inputs).toEqual(stats["Entities_-_Get_IPs"]!.inputs);
    expect(ours["Entities_-_Get_FileHashes"]!.inputs).toEqual(stats["Entities_-_Get_FileHashes"]!.inputs);
    expect(ours["Entities_-_Get_URLs"]!.inputs).toEqual(urls["Entities_-_Get_URLs"]!.inputs);
  });

  it("Add comment on the entity trigger's IncidentArmID (Unisolate-MDE-Machine entity)", () => {
    const corpus = actionsByName(corpusDefinition("sentinel-mde/solutions-unisolate-mdemachine-entity.json"));
    const name = "Add_comment_to_incident_(V3)_-_device_unisolated";
    const ours = actionsByName(
      build(sentinel.entityTrigger("Host"), (flow, trigger) => {
        flow.step(
          "Add comment to incident (V3) - device unisolated",
          sentinel.addIncidentComment({ incidentArmId: trigger.body.IncidentArmID, message: text`<p>Host - ${trigger.body.Entity.properties.HostName} - is succesfully unisolated!</p>` }),
        );
      }).definition,
    );
    expect(JSON.parse(JSON.stringify(ours[name]!.inputs).replace("['azuresentinel']", "['microsoftsentinel']"))).toEqual(corpus[name]!.inputs);
  });

  it("the inferred ones render as declared: Get incident, owner and tags of Update incident", () => {
    const actions = buildWith((flow) => {
      flow.step("Get incident", sentinel.getIncident({ incidentArmId: "/subscriptions/s/x" }));
      flow.step("Update", sentinel.updateIncident({ incidentArmId: "/subscriptions/s/x", severity: "High", owner: "soc@contoso.com", tags: ["auto-isolated", "mde"] }));
    }).definition.actions as Obj;
    expect(actions.Get_incident.inputs).toEqual({
      host: { connection: { name: "@parameters('$connections')['azuresentinel']['connectionId']" } },
      method: "post",
      path: "/Incidents",
      body: { incidentArmId: "/subscriptions/s/x" },
    });
    expect(actions.Update.inputs.body).toEqual({
      incidentArmId: "/subscriptions/s/x",
      severity: "High",
      ownerAction: "Assign",
      owner: "soc@contoso.com",
      tagsToAdd: { TagsToAdd: [{ Tag: "auto-isolated" }, { Tag: "mde" }] },
    });
  });

  it("reads need Reader, update and comment need Responder (and Responder alone when both are used)", () => {
    const reader = { kind: "azureRole", resource: "MicrosoftSentinel", role: "Microsoft Sentinel Reader", scope: "sentinelWorkspace" };
    const responder = { ...reader, role: "Microsoft Sentinel Responder" };
    expect(requiredPermissions(buildWith((f) => void f.step("Hosts", sentinel.getHosts({ entities: [] }))).definition)).toEqual([reader]);
    expect(requiredPermissions(buildWith((f) => void f.step("Comment", sentinel.addIncidentComment({ incidentArmId: "i", message: "m" }))).definition)).toEqual([responder]);
    const both = buildWith((f) => {
      f.step("Hosts", sentinel.getHosts({ entities: [] }));
      f.step("Update", sentinel.updateIncident({ incidentArmId: "i", status: "Active" }));
    });
    expect(requiredPermissions(both.definition)).toEqual([responder]);
    expect(both.declaredPermissions).toEqual([responder]);
    expect(sentinel.operations.addIncidentComment.notification).toBe(true);
    expect(sentinel.operations.updateIncident.notification).toBe(true);
    expect(Object.values(sentinel.operations).every((op) => op.destructive === false)).toBe(true);
  });
});

describe("Graph security (Http + managed identity), as the v1.0 API pages show them", () => {
  const auth = { type: "ManagedServiceIdentity", identity: "@parameters('managedIdentity')", audience: "https://graph.microsoft.com" };
  const rendered = (spec: Parameters<Flow["step"]>[1]) => (buildWith((f) => void f.step("Call", spec)).definition.actions as Obj).Call;

  it("comment on an alert: POST /security/alerts_v2/{id}/comments with an alertComment", () => {
    expect(rendered(graphSecurity.addAlertComment({ alertId: "da637865765418431569_-773071023", comment: "Demo for docs" }))).toEqual({
      type: "Http",
      inputs: {
        method: "POST",
        uri: "https://graph.microsoft.com/v1.0/security/alerts_v2/da637865765418431569_-773071023/comments",
        body: { "@odata.type": "microsoft.graph.security.alertComment", comment: "Demo for docs" },
        authentication: auth,
      },
      runAfter: {},
    });
  });

  it("update an incident: PATCH /security/incidents/{id} with only the given properties", () => {
    expect(rendered(graphSecurity.updateIncident({ incidentId: "2972395", classification: "truePositive", determination: "multiStagedAttack", customTags: ["Demo"] })).inputs).toEqual({
      method: "PATCH",
      uri: "https://graph.microsoft.com/v1.0/security/incidents/2972395",
      body: { classification: "truePositive", determination: "multiStagedAttack", customTags: ["Demo"] },
      authentication: auth,
    });
  });

  it("list alerts with OData in queries; update an alert", () => {
    expect(rendered(graphSecurity.listAlerts({ filter: "severity eq 'high' and status eq 'new'", top: 50 })).inputs).toEqual({
      method: "GET",
      uri: "https://graph.microsoft.com/v1.0/security/alerts_v2",
      queries: { $filter: "severity eq 'high' and status eq 'new'", $top: 50 },
      authentication: auth,
    });
    expect(rendered(graphSecurity.updateAlert({ alertId: "a1", status: "inProgress", assignedTo: "soc@contoso.com" })).inputs.body).toEqual({ status: "inProgress", assignedTo: "soc@contoso.com" });
  });

  it("each needs its Graph app role; writes are notifications", () => {
    const roles: Record<string, string> = {
      getAlert: "SecurityAlert.Read.All",
      listAlerts: "SecurityAlert.Read.All",
      updateAlert: "SecurityAlert.ReadWrite.All",
      addAlertComment: "SecurityAlert.ReadWrite.All",
      getIncident: "SecurityIncident.Read.All",
      listIncidents: "SecurityIncident.Read.All",
      updateIncident: "SecurityIncident.ReadWrite.All",
      addIncidentComment: "SecurityIncident.ReadWrite.All",
      runHuntingQuery: "ThreatHunting.Read.All",
    };
    for (const [name, op] of Object.entries(graphSecurity.operations)) {
      expect(op.permissions, name).toEqual([{ resource: "MicrosoftGraph", role: roles[name] }]);
      expect(op.notification ?? false, name).toBe(/^(update|add)/.test(name));
    }
    // One declaration, reachable from both modules.
    expect(graphSecurityCatalogue.runHuntingQuery).toBe(defenderCatalogue.runHuntingQuery);
  });

  it("the same calls under /beta need the same roles", () => {
    const beta = { actions: { A: { type: "Http", inputs: { method: "PATCH", uri: "https://graph.microsoft.com/beta/security/alerts_v2/x", authentication: { type: "ManagedServiceIdentity" } } } } };
    expect(requiredPermissions(beta)).toEqual([{ resource: "MicrosoftGraph", role: "SecurityAlert.ReadWrite.All" }]);
  });
});
