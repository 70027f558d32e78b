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

/** Deployment context for `deployTemplate`. */
export interface TemplateDeployment {
  subscription: string;
  resourceGroup: string;
  location: string;
  /** Values given at deployment (`--parameters`), e.g. for secure parameters. */
  parameters?: Obj;
}

/**
 * Evaluate the ARM template language subset the exporter writes (`parameters`, `variables`, `concat`,
 * `resourceId`, `json`, `subscription().subscriptionId`, `resourceGroup().location`, the `[[` escape) and return the
 * workflow resource as ARM would PUT it: what a `az deployment group create` of the exported template deploys.
 */
export function deployTemplate(template: Obj, context: TemplateDeployment): { name: string; definition: unknown; parameters: Obj; state: string } {
  const templateParameters = template.parameters as Record<string, Obj>;
  const paramValue = (name: string): unknown => {
    if (context.parameters && name in context.parameters) return context.parameters[name];
    const decl = templateParameters[name];
    if (!decl) throw new Error(`unknown template parameter ${name}`);
    if (decl.defaultValue === undefined) throw new Error(`template parameter ${name} needs a value`);
    return evaluate(decl.defaultValue);
  };
  const variables = (template.variables ?? {}) as Obj;

  function parse(src: string): unknown {
    let i = 0;
    const ws = () => {
      while (src[i] === " ") i++;
    };
    const expr = (): unknown => {
      ws();
      let value: unknown;
      if (src[i] === "'") {
        let s = "";
        i++;
        for (;;) {
          if (src[i] === "'" && src[i + 1] === "'") {
            s += "'";
            i += 2;
          } else if (src[i] === "'") {
            i++;
            break;
          } else s += src[i++];
        }
        value = s;
      } else {
        const name = /^[A-Za-z]+/.exec(src.slice(i))![0];
        i += name.length;
        if (src[i] !== "(") throw new Error(`expected ( after ${name}`);
        i++;
        const args: unknown[] = [];
        ws();
        while (src[i] !== ")") {
          args.push(expr());
          ws();
          if (src[i] === ",") i++;
        }
        i++;
        value = call(name, args);
      }
      while (src[i] === ".") {
        i++;
        const prop = /^[A-Za-z]+/.exec(src.slice(i))![0];
        i += prop.length;
        value = (value as Obj)[prop];
      }
      return value;
    };
    const out = expr();
    if (i !== src.length) throw new Error(`unparsed: ${src.slice(i)}`);
    return out;
  }
  function call(name: string, args: unknown[]): unknown {
    switch (name) {
      case "parameters":
        return paramValue(args[0] as string);
      case "variables":
        return evaluate(variables[args[0] as string]);
      case "concat":
        return args.join("");
      case "json":
        return JSON.parse(String(args[0]));
      case "subscription":
        return { subscriptionId: context.subscription };
      case "resourceGroup":
        return { location: context.location, name: context.resourceGroup };
      case "resourceId":
        return `/subscriptions/${context.subscription}/resourceGroups/${context.resourceGroup}/providers/${args[0]}/${args[1]}`;
      default:
        throw new Error(`ARM function ${name} is not in the test evaluator`);
    }
  }
  function evaluate(value: unknown): unknown {
    if (typeof value === "string") {
      if (value.startsWith("[[") && value.endsWith("]")) return value.slice(1);
      if (value.startsWith("[") && value.endsWith("]")) return parse(value.slice(1, -1));
      return value;
    }
    if (Array.isArray(value)) return value.map(evaluate);
    if (isObj(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, evaluate(v)]));
    return value;
  }

  const workflow = (template.resources as Obj[]).find((r) => r.type === "Microsoft.Logic/workflows")!;
  const properties = evaluate(workflow.properties) as Obj;
  return { name: evaluate(workflow.name) as string, definition: properties.definition, parameters: properties.parameters as Obj, state: properties.state as string };
}
