/**
 * The trigger: a declared connector trigger (`defender.alertCreated()`, `sentinel.incidentTrigger()`, …) when
 * the source's trigger is exactly what that call renders, so `trigger.body` is typed by its declared shape;
 * else `rawTrigger(title, json)`, whose body is `Untyped`.
 */
import type { Json, JsonObject } from "../../wdl";
import { isObject, type Obj } from "../../wdl/walk";
import { defender, sentinel } from "../../playbooks/connectors";
import type { TriggerSpec } from "../../playbooks/kit";
import { orderTrigger, renderInput } from "../../playbooks/kit/render";
import { compareDefinitions } from "../compare";
import type { Code } from "../code";
import { ANY, tyOfShape, type Ty } from "./types";

const ENTITY_KINDS = ["Host", "Account", "IP", "URL", "FileHash", "DNS", "Process", "File", "MailMessage", "Mailbox"] as const;

/** A declared trigger's code and its spec. */
interface Candidate {
  code: Code;
  spec: TriggerSpec<unknown>;
}

/** `defender.alertCreated({...})` with the source's client state and expiry when they differ from the defaults. */
function alertCreated(trigger: Obj): Candidate | undefined {
  const inputs = isObject(trigger.inputs) ? trigger.inputs : undefined;
  const body = inputs && isObject(inputs.body) ? inputs.body : undefined;
  if (!body) return undefined;
  const options: { clientState?: string; expirationDateTime?: string } = {};
  const entries: [string, Code][] = [];
  for (const key of ["clientState", "expirationDateTime"] as const) {
    const value = body[key];
    if (typeof value !== "string" || value.startsWith("@") || value.includes("@{")) return undefined;
    const fallback = key === "clientState" ? "playbook-kit" : "2038-09-20T12:00:00Z";
    if (value !== fallback) {
      options[key] = value;
      entries.push([key, JSON.stringify(value)]);
    }
  }
  const code = entries.length ? `defender.alertCreated({ ${entries.map(([k, v]) => `${k}: ${v as string}`).join(", ")} })` : "defender.alertCreated()";
  return { code, spec: defender.alertCreated(options) };
}

/** Every declared trigger that could be the source's. */
function candidates(trigger: Obj): Candidate[] {
  const out: Candidate[] = [];
  const created = alertCreated(trigger);
  if (created) out.push(created);
  out.push({ code: "sentinel.incidentTrigger()", spec: sentinel.incidentTrigger() });
  out.push({ code: "sentinel.alertTrigger()", spec: sentinel.alertTrigger() });
  for (const kind of ENTITY_KINDS) out.push({ code: `sentinel.entityTrigger(${JSON.stringify(kind)})`, spec: sentinel.entityTrigger(kind) });
  return out;
}

/** The declared trigger the source's trigger is, with its import and body type; undefined when it is none. */
export function declaredTrigger(trigger: Obj): { code: Code; connector: string; ty: Ty } | undefined {
  if (trigger.type !== "ApiConnectionWebhook") return undefined;
  for (const c of candidates(trigger)) {
    const rendered = orderTrigger(renderInput(c.spec.trigger, "trigger") as JsonObject);
    if (compareDefinitions(trigger as Json, rendered as Json).length) continue;
    const connector = (c.code as string).split(".")[0]!;
    return { code: c.code, connector, ty: c.spec.output ? tyOfShape(c.spec.output) : ANY };
  }
  return undefined;
}
