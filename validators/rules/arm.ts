/**
 * Rules that need the workflow resource or the ARM template around a definition: how `$connections` entries
 * are wired to `Microsoft.Web/connections` resources, and managed identity settings.
 */
import { joinPointer } from "../../wdl/pointer";
import { isObject, type Obj } from "../../wdl/walk";
import { type ArmConnectionResource, type ConnectionEntry, connectionIdNameKey, managedApiName } from "../detect";
import type { Model } from "../model";
import type { Rule } from "./rule";

const lower = (value: unknown): string => (typeof value === "string" ? value.toLowerCase() : "");

/** True when a `$connections` entry asks for managed identity authentication. */
function usesManagedIdentity(entry: ConnectionEntry): boolean {
  const v = entry.value;
  if (!isObject(v) || !isObject(v.connectionProperties) || !isObject(v.connectionProperties.authentication)) return false;
  return lower(v.connectionProperties.authentication.type) === "managedserviceidentity";
}

/** `$connections` entries of an ARM workflow, each with the connection resources its connectionId names. */
function wiredEntries(model: Model): { entry: ConnectionEntry; value: Obj; nameKey: string | undefined; resources: ArmConnectionResource[] }[] {
  const context = model.target.armContext;
  const values = model.target.connections;
  if (!context || !values || values.source !== "$connections") return [];
  const out = [];
  for (const entry of values.entries.values()) {
    if (!isObject(entry.value)) continue;
    const nameKey = connectionIdNameKey(entry.value.connectionId);
    const resources = nameKey === undefined ? [] : context.connections.filter((c) => c.nameKey === nameKey);
    out.push({ entry, value: entry.value, nameKey, resources });
  }
  return out;
}

export const armConnectionApiMismatch: Rule = {
  code: "arm-connection-api-mismatch",
  severity: "error",
  summary: "A `$connections` entry's `id` names one managed API, but the connection resource its `connectionId` points to is for another API.",
  fix: "Point `connectionId` at a connection resource for the same API, or fix the resource's `properties.api.id`.",
  check(model, report) {
    for (const { entry, value, resources } of wiredEntries(model)) {
      const wanted = managedApiName(value.id);
      const resource = resources[0];
      if (!wanted || !resource || !resource.api || resource.api === wanted) continue;
      report(
        joinPointer(entry.pointer, "id"),
        `$connections['${entry.key}'] says managed API '${wanted}', but its connectionId points to the connection resource ${resource.name} (${resource.pointer}), which is for '${resource.api}'. Make both name the same API.`,
      );
    }
  },
};

export const armConnectionNotInTemplate: Rule = {
  code: "arm-connection-not-in-template",
  severity: "warning",
  summary: "A `$connections` entry points (via `resourceId('Microsoft.Web/connections', …)`) at a connection the template does not deploy.",
  fix: "Add the `Microsoft.Web/connections` resource to the template, or make sure it exists before deployment.",
  check(model, report) {
    for (const { entry, value, nameKey, resources } of wiredEntries(model)) {
      if (nameKey === undefined || resources.length) continue;
      report(
        joinPointer(entry.pointer, "connectionId"),
        `$connections['${entry.key}'] uses the connection ${String(value.connectionId)}, but the template declares no Microsoft.Web/connections resource with that name: add it, or make sure it already exists.`,
      );
    }
  },
};

export const armConnectionDuplicate: Rule = {
  code: "arm-connection-duplicate",
  severity: "error",
  summary: "The template declares two `Microsoft.Web/connections` resources with the same name; ARM rejects a resource defined twice.",
  fix: "Keep one of them (with the settings you need, e.g. `parameterValueType: Alternative` for managed identity).",
  check(model, report) {
    const context = model.target.armContext;
    if (!context) return;
    // Reported once per template: on the first workflow that uses the name, else on the first workflow.
    const workflows = context.resources.filter((r) => lower(r.resource.type) === "microsoft.logic/workflows");
    const groups = new Map<string, ArmConnectionResource[]>();
    for (const c of context.connections) groups.set(c.nameKey, [...(groups.get(c.nameKey) ?? []), c]);
    for (const [nameKey, group] of groups) {
      if (group.length < 2) continue;
      const user = workflows.find(({ resource: r }) => {
        const p = isObject(r.properties) && isObject(r.properties.parameters) ? r.properties.parameters.$connections : undefined;
        return isObject(p) && isObject(p.value) && Object.values(p.value).some((v) => isObject(v) && connectionIdNameKey(v.connectionId) === nameKey);
      });
      const owner = user ?? workflows[0];
      if (!owner || owner.pointer !== model.target.resourcePointer) continue;
      for (const dup of group.slice(1)) {
        report(
          dup.pointer,
          `The connection resource ${dup.name} is declared again here (first at ${group[0]!.pointer}); ARM rejects a resource defined twice. Keep one.`,
        );
      }
    }
  },
};

export const armMiConnectionNotAlternative: Rule = {
  code: "arm-mi-connection-not-alternative",
  severity: "error",
  summary:
    "A `$connections` entry uses managed identity authentication, but its `Microsoft.Web/connections` resource lacks `parameterValueType: \"Alternative\"`, so the service refuses the connection.",
  fix: "Add `\"parameterValueType\": \"Alternative\"` to the connection resource's properties (or use a `parameterValueSet` for multi-auth connectors).",
  check(model, report) {
    for (const { entry, resources } of wiredEntries(model)) {
      if (!usesManagedIdentity(entry) || !resources.length) continue;
      const supportsMi = (c: ArmConnectionResource) => {
        const p = isObject(c.resource.properties) ? c.resource.properties : {};
        return lower(p.parameterValueType) === "alternative" || (isObject(p.parameterValueSet) && /managedidentity/i.test(String(p.parameterValueSet.name)));
      };
      if (resources.some(supportsMi)) continue;
      const resource = resources[0]!;
      report(
        isObject(resource.resource.properties) ? joinPointer(resource.pointer, "properties") : resource.pointer,
        `$connections['${entry.key}'] authenticates with the managed identity, but its connection resource ${resource.name} has no "parameterValueType": "Alternative": add it to the resource's properties.`,
      );
    }
  },
};

/** Every place in the definition that authenticates with the managed identity, as pointers. */
function managedIdentityUses(model: Model): string[] {
  const out: string[] = [];
  const path: string[] = [];
  const visit = (value: unknown, base: string) => {
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        path.push(String(i));
        visit(value[i], base);
        path.pop();
      }
    } else if (isObject(value)) {
      for (const key of Object.keys(value)) {
        const v = value[key];
        path.push(key);
        if (key === "authentication" && isObject(v) && lower(v.type) === "managedserviceidentity") out.push(joinPointer(base, ...path, "type"));
        else if (v !== null && typeof v === "object") visit(v, base);
        path.pop();
      }
    }
  };
  for (const t of model.triggers) visit(t.trigger.inputs, joinPointer(t.pointer, "inputs"));
  for (const a of model.actions) visit(a.action.inputs, joinPointer(a.pointer, "inputs"));
  const values = model.target.connections;
  if (values && values.source === "$connections") {
    for (const entry of values.entries.values()) if (usesManagedIdentity(entry)) out.push(joinPointer(entry.pointer, "connectionProperties", "authentication", "type"));
  }
  return out;
}

export const workflowIdentityMissing: Rule = {
  code: "workflow-identity-missing",
  // A warning: several published Sentinel templates leave enabling the identity to a post-deployment step.
  severity: "warning",
  summary:
    "The definition authenticates with the managed identity (an Http `authentication` or a `$connections` entry), but the workflow resource has no `identity`: unless one is enabled after deployment, the calls fail (\"The workflow … does not have managed identity enabled\").",
  fix: "Add `\"identity\": {\"type\": \"SystemAssigned\"}` (or a user-assigned identity) to the workflow resource and grant it the roles it needs.",
  check(model, report) {
    const resource = model.target.resource;
    if (!resource || lower(resource.type) !== "microsoft.logic/workflows") return;
    const identity = resource.identity;
    if (isObject(identity) && /assigned/i.test(String(identity.type))) return;
    const uses = managedIdentityUses(model);
    if (!uses.length) return;
    report(
      uses[0]!,
      `This workflow authenticates with its managed identity (${uses.length} place${uses.length > 1 ? "s" : ""}), but the workflow resource at ${model.target.resourcePointer === "" ? "the document root" : model.target.resourcePointer} has no "identity": add "identity": {"type": "SystemAssigned"}.`,
    );
  },
};
