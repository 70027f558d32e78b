/**
 * Audit mode: a destructive step (one whose operation the catalogue or its connector declaration marks
 * destructive) is placed as an audit record instead — a Compose with the same name whose inputs say which call
 * it would have made (`operations/audit.ts`). It calls nothing, needs no permission and no connection, and steps
 * that read it still build: its body is null, so `step.body.id` reads null, and a failure handler after it is
 * skipped because a Compose does not fail.
 */
import { apiOfConnectionKey, destructiveCall, type AuditRecordInputs } from "../../operations";
import { connectionKeyOfInputs, isObject, type JsonObject } from "../../wdl";
import type { ActionSpec, Input } from "./operation";
import { renderInput } from "./render";

/** How a playbook is built: `enforce` renders every step; `audit` renders destructive steps as audit records. */
export type PlaybookMode = "enforce" | "audit";

/** Both modes, in the order messages list them. */
export const PLAYBOOK_MODES: readonly PlaybookMode[] = ["enforce", "audit"];

/** What makes a step destructive: the operation's title and the managed API it calls. */
export interface DestructiveCall {
  title: string;
  connector?: string;
}

/**
 * The destructive call a step makes, or undefined. Connector operations say so in their declaration; raw Http
 * and ApiConnection steps are matched against the catalogue's routes, so `flow.http(…/isolate…)` counts too.
 */
export function destructiveCallOf(spec: ActionSpec, where: string): DestructiveCall | undefined {
  const type = spec.action.type;
  if (type !== "Http" && type !== "ApiConnection") return spec.destructive ? { title: spec.title } : undefined;
  const rendered = renderInput(spec.action, where) as JsonObject;
  const key = type === "ApiConnection" && isObject(rendered.inputs) ? connectionKeyOfInputs(rendered.inputs) : undefined;
  const connector = spec.connectors[0] ?? (key !== undefined ? apiOfConnectionKey(key) : undefined);
  const found = spec.destructive ? { title: spec.title } : destructiveCall(rendered);
  return found ? { ...found, ...(type === "ApiConnection" && connector ? { connector } : {}) } : undefined;
}

/** The audit record that stands for a destructive step. `note` is the author's step description, if any. */
export function auditRecord(spec: ActionSpec, call: DestructiveCall, note?: string): ActionSpec {
  const inputs = (spec.action.inputs ?? {}) as Record<string, Input>;
  const request: Record<string, Input> =
    spec.action.type === "ApiConnection" ? { connector: call.connector, method: inputs.method, path: inputs.path } : { method: inputs.method, uri: inputs.uri };
  // Headers and authentication are left out: they may carry credentials and say nothing about the target.
  if (inputs.queries !== undefined) request.queries = inputs.queries;
  if (inputs.body !== undefined) request.body = inputs.body;
  const record: { [K in keyof AuditRecordInputs]: Input } = { mode: "audit", wouldCall: call.title, operation: spec.operation?.name, request };
  const description = `Audit mode: records the call '${call.title}' would make; nothing is called or changed.${note ? ` ${note}` : ""}`;
  return { title: spec.title, action: { type: "Compose", description, inputs: record }, connectors: [], permissions: [], destructive: false };
}
