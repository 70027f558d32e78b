/** Helpers of the operations tests: a designer-style re-serialisation of a definition and deployed parameter values. */
import * as path from "node:path";
import type { AzureConnection } from "../../ops/client";
import { staticTokenCredential } from "../../ops/client";
import type { BuiltWorkflow } from "../../ops/targets";
import type { FakeArm } from "./fake-arm";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** Folder with `Pulumi.ops.yaml`. */
export const ENV_ROOT = path.join(__dirname, "fixtures");
export const ENV = "ops";
export const RESOURCE_GROUP = "rg-mde-playbooks-ops";

/** A connection to the fake server that trusts its certificate. */
export function fakeConnection(fake: FakeArm, token = fake.token): AzureConnection {
  return { subscription: fake.subscription, credential: staticTokenCredential(token), endpoint: fake.endpoint, ca: fake.ca, maxRetries: 0 };
}

/**
 * What the portal designer and the service do to a definition without changing its meaning: keys sorted,
 * `runAfter: {}` dropped, statuses upper-cased, `operationMetadataId` added, methods upper-cased,
 * `evaluatedRecurrence` added, the default `$connections` declaration added.
 */
export function designerResave(definition: unknown): unknown {
  let counter = 0;
  const sortKeys = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sortKeys);
    if (!isObj(v)) return v;
    const out: Obj = {};
    for (const k of Object.keys(v).sort()) out[k] = sortKeys(v[k]);
    return out;
  };
  const actions = (map: unknown) => {
    if (!isObj(map)) return;
    for (const action of Object.values(map)) {
      if (!isObj(action)) continue;
      if (isObj(action.runAfter) && Object.keys(action.runAfter).length === 0) delete action.runAfter;
      else if (isObj(action.runAfter)) for (const k of Object.keys(action.runAfter)) action.runAfter[k] = (action.runAfter[k] as string[]).map((s) => s.toUpperCase()).reverse();
      action.metadata = { operationMetadataId: `0000000${counter++}-aaaa-bbbb-cccc-dddddddddddd` };
      if (isObj(action.inputs) && typeof action.inputs.method === "string") action.inputs.method = action.inputs.method.toUpperCase();
      actions(action.actions);
      if (isObj(action.else)) actions(action.else.actions);
    }
  };
  const copy = JSON.parse(JSON.stringify(definition)) as Obj;
  actions(copy.actions);
  if (isObj(copy.triggers)) {
    for (const t of Object.values(copy.triggers)) if (isObj(t) && isObj(t.recurrence)) t.evaluatedRecurrence = { ...t.recurrence, frequency: "Hour", interval: 1 };
  }
  if (isObj(copy.parameters) && !("$connections" in copy.parameters)) copy.parameters.$connections = { defaultValue: {}, type: "Object" };
  return sortKeys(copy);
}

/** The parameter values the service returns for a workflow deployed as main builds it (secure values hidden). */
export function deployedParameters(built: BuiltWorkflow, subscription: string, resourceGroup: string): Obj {
  const definition = built.built.definition as unknown as Obj;
  const decls = isObj(definition.parameters) ? definition.parameters : {};
  const out: Obj = {};
  if (built.connectors.length) {
    const value: Obj = {};
    for (const api of built.connectors) {
      value[api] = {
        connectionId: `/subscriptions/${subscription}/resourceGroups/${resourceGroup}/providers/Microsoft.Web/connections/${built.workflowName}-${api}`,
        connectionName: `${built.workflowName}-${api}`,
        id: `/subscriptions/${subscription}/providers/Microsoft.Web/locations/westeurope/managedApis/${api}`,
        connectionProperties: { authentication: { type: "ManagedServiceIdentity" } },
      };
    }
    out.$connections = { value };
  }
  for (const [name, value] of Object.entries(built.parameters)) {
    const type = isObj(decls[name]) ? String((decls[name] as Obj).type) : "String";
    out[name] = /^secure/i.test(type) ? { type } : { type, value };
  }
  return out;
}
