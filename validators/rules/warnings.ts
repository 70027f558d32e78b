/** Warnings: settings that work but are risky. */
import { joinPointer } from "../../wdl/pointer";
import { isObject, type Obj } from "../../wdl/walk";
import type { Model } from "../model";
import type { Rule } from "./rule";
import { literalPrefix } from "./text";

/** One HTTP request of an Http / HttpWebhook action or trigger. */
export interface HttpRequest {
  inputs: Obj;
  pointer: string;
  owner: string;
  ownerPointer: string;
  runtimeConfiguration: unknown;
}

const requestCache = new WeakMap<Model, HttpRequest[]>();

/** The HTTP request inputs of Http / HttpWebhook actions and triggers, with pointers and owner labels (memoised). */
export function httpRequests(model: Model): HttpRequest[] {
  const cached = requestCache.get(model);
  if (cached) return cached;
  const out: HttpRequest[] = [];
  const visit = (item: Obj, pointer: string, type: string, what: string, name: string) => {
    if (type !== "http" && type !== "httpwebhook") return;
    const label = `${what} '${name}'`;
    const inputs = item.inputs;
    if (!isObject(inputs)) return;
    const base = joinPointer(pointer, "inputs");
    if (type === "http") out.push({ inputs, pointer: base, owner: label, ownerPointer: pointer, runtimeConfiguration: item.runtimeConfiguration });
    if (type === "httpwebhook") {
      for (const key of ["subscribe", "unsubscribe"]) {
        const sub = inputs[key];
        if (isObject(sub)) out.push({ inputs: sub, pointer: joinPointer(base, key), owner: `${label} (${key})`, ownerPointer: pointer, runtimeConfiguration: item.runtimeConfiguration });
      }
    }
  };
  for (const t of model.triggers) visit(t.trigger, t.pointer, t.type, "trigger", t.name);
  for (const a of model.actions) visit(a.action, a.pointer, a.type, "action", a.name);
  requestCache.set(model, out);
  return out;
}

export const untilWithoutLimit: Rule = {
  code: "until-without-limit",
  severity: "warning",
  summary: "An Until loop sets no `limit` (count or timeout), so the defaults (60 iterations, PT1H) apply silently.",
  fix: "Set `limit: {count, timeout}` to what the loop really needs.",
  check(model, report) {
    for (const node of model.actions) {
      if (node.type !== "until") continue;
      const limit = node.action.limit;
      if (isObject(limit) && (limit.count !== undefined || limit.timeout !== undefined)) continue;
      report(node.pointer, `Until '${node.name}' has no limit: it stops after the default 60 iterations or PT1H. Set limit.count and limit.timeout explicitly.`);
    }
  },
};

export const httpNotHttps: Rule = {
  code: "http-not-https",
  severity: "warning",
  summary: "An Http call or webhook uses a plain `http://` URI: the request (and any credentials) travel unencrypted.",
  fix: "Use `https://`.",
  check(model, report) {
    for (const request of httpRequests(model)) {
      const prefix = literalPrefix(model, request.inputs.uri);
      if (prefix !== undefined && /^\s*http:\/\//i.test(prefix)) {
        report(joinPointer(request.pointer, "uri"), `The ${request.owner} calls a plain http:// URI; use https:// so the request is encrypted.`);
      }
    }
  },
};
