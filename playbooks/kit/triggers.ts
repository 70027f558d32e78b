/** Built-in triggers: Recurrence and Request. Connector triggers live with their connectors. */
import type { Json, Recurrence } from "../../wdl";
import { raw, type ExprLike, type Untyped } from "./expr";
import type { Input, TriggerSpec } from "./operation";

/** Run on a schedule. `frequency` and `interval` may be parameter expressions. */
export function recurrence(schedule: {
  frequency: ExprLike<Recurrence["frequency"]>;
  interval: ExprLike<number>;
  startTime?: string;
  timeZone?: string;
  schedule?: Recurrence["schedule"];
}): TriggerSpec<unknown> {
  return {
    title: "Recurrence",
    trigger: { type: "Recurrence", recurrence: schedule as unknown as Input },
    connectors: [],
    permissions: [],
  };
}

/** Run when an HTTP request arrives; `schema` describes the body (JSON Schema). */
export function request<Body = unknown>(options: { method?: string; relativePath?: string; schema?: Input } = {}): TriggerSpec<Body> {
  const inputs: Record<string, Input> = {};
  if (options.method) inputs.method = options.method;
  if (options.relativePath) inputs.relativePath = options.relativePath;
  if (options.schema !== undefined) inputs.schema = options.schema;
  return {
    title: "When a HTTP request is received",
    trigger: { type: "Request", kind: "Http", inputs: Object.keys(inputs).length ? inputs : undefined },
    connectors: [],
    permissions: [],
  };
}

/**
 * Escape hatch: a trigger exactly as given (an imported definition's), every member rendered as written;
 * `title` is its designer label. It declares no connectors or permissions; its body is `Untyped` (any field reads).
 */
export function rawTrigger(title: string, trigger: { readonly [member: string]: Json }): TriggerSpec<Untyped> {
  const members: Record<string, Input> = {};
  for (const [key, value] of Object.entries(trigger)) members[key] = key === "type" && typeof value === "string" ? value : raw(value);
  return { title, trigger: members as TriggerSpec["trigger"], connectors: [], permissions: [] };
}
