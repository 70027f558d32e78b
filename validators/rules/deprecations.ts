/**
 * Deprecations: calls to operations with a published retirement. What is retired, when, where Microsoft says so
 * and what replaces it is data in `operations/deprecations.ts`; each rule here reports the calls of one entry.
 * They are warnings (the call still works until the date), so `validate --strict` fails on them.
 */
import { callOf, DEPRECATIONS } from "../../operations";
import { isObject } from "../../wdl/walk";
import { managedApiName } from "../detect";
import type { Model } from "../model";
import type { Rule } from "./rule";

const apiCache = new WeakMap<Model, Record<string, string>>();

/** `$connections` key → managed API, from the connection values the document carries (memoised). */
function connectionApis(model: Model): Record<string, string> {
  const cached = apiCache.get(model);
  if (cached) return cached;
  const out: Record<string, string> = {};
  for (const entry of model.target.connections?.entries.values() ?? []) {
    const api = isObject(entry.value) ? managedApiName(entry.value.id) : undefined;
    if (api) out[entry.key] = api;
  }
  apiCache.set(model, out);
  return out;
}

/** The rule that reports every call (actions and triggers) of the deprecation `id`. */
function deprecationRule(code: string, id: string, summary: string): Rule {
  const d = DEPRECATIONS.find((x) => x.id === id);
  if (!d) throw new Error(`unknown deprecation '${id}'`);
  return {
    code,
    severity: "warning",
    summary,
    fix: `Call ${d.replacement} instead.`,
    check(model, report) {
      const apis = connectionApis(model);
      const nodes = [...model.triggers.map((t) => ({ node: t.trigger, pointer: t.pointer, label: `Trigger '${t.name}'` })), ...model.actions.map((a) => ({ node: a.action, pointer: a.pointer, label: `Action '${a.name}'` }))];
      for (const { node, pointer, label } of nodes) {
        const call = callOf(node, apis);
        if (!call || !d.matches(call)) continue;
        report(pointer, `${label} calls ${d.title}, which is deprecated (retirement: ${d.retirement}; source: ${d.source}). Use ${d.replacement} instead.`);
      }
    },
  };
}

export const deprecatedWdatpAdvancedHunting = deprecationRule(
  "deprecated-wdatp-advanced-hunting",
  "wdatp-advanced-hunting",
  "A call to the MDE connector's (wdatp) Advanced Hunting action, which Microsoft retires on 2027-02-01.",
);

export const deprecatedMdeAdvancedHuntingApi = deprecationRule(
  "deprecated-mde-advanced-hunting-api",
  "mde-advanced-hunting-api",
  "An Http call to the legacy MDE / Defender XDR advanced hunting REST API (`/api/advancedqueries/run`, `/api/advancedhunting/run`), which Microsoft is retiring (MC1220762).",
);

export const deprecatedGraphSecurityAlerts = deprecationRule(
  "deprecated-graph-security-alerts",
  "graph-legacy-security-alerts",
  "An Http call to the legacy Microsoft Graph security alerts API (`/security/alerts`), which Microsoft retires on 2026-08-31.",
);

export const deprecatedWdatpInitiateInvestigation = deprecationRule(
  "deprecated-wdatp-initiate-investigation",
  "wdatp-initiate-investigation",
  "A call to the MDE connector's (wdatp) \"Initiate investigation on a machine\" action, which the connector marks \"(to be deprecated)\".",
);
