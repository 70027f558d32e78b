/** `$connections` keys (and Power Automate connection references) used by the definition vs supplied. */
import { connectionKeys } from "../../wdl/expression/references";
import { joinPointer } from "../../wdl/pointer";
import { isObject } from "../../wdl/walk";
import type { Model } from "../model";
import { literalArg } from "../model";
import type { Rule } from "./rule";
import { didYouMean } from "./rule";

/** One use of a connection key. */
interface Usage {
  key: string;
  pointer: string;
  offset?: number;
}

const usageCache = new WeakMap<Model, { usages: Usage[]; dynamic: boolean }>();

/** Every connection key the definition uses, and whether it also reads `$connections` dynamically (memoised). */
export function connectionUsages(model: Model): { usages: Usage[]; dynamic: boolean } {
  const cached = usageCache.get(model);
  if (cached) return cached;
  const usages: Usage[] = [];
  let dynamic = false;
  for (const site of model.sites) {
    let calls = 0;
    let keys = 0;
    for (const call of site.calls) if (call.name.toLowerCase() === "parameters" && literalArg(call) === "$connections") calls++;
    if (calls === 0) continue;
    for (const expr of site.exprs) {
      for (const key of connectionKeys(expr)) {
        keys++;
        usages.push({ key, pointer: site.pointer, offset: site.shift });
      }
    }
    if (keys < calls) dynamic = true;
  }
  // Power Automate: OpenApiConnection host.connectionName names a connection reference.
  const hosts: [unknown, string][] = [
    ...model.actions.map((a): [unknown, string] => [a.action, a.pointer]),
    ...model.triggers.map((t): [unknown, string] => [t.trigger, t.pointer]),
  ];
  for (const [item, pointer] of hosts) {
    if (!isObject(item) || typeof item.type !== "string" || !item.type.toLowerCase().startsWith("openapiconnection")) continue;
    const inputs = item.inputs;
    if (!isObject(inputs) || !isObject(inputs.host)) continue;
    const name = inputs.host.connectionName;
    if (typeof name === "string" && !name.startsWith("@")) usages.push({ key: name, pointer: joinPointer(pointer, "inputs", "host", "connectionName") });
  }
  const result = { usages, dynamic };
  usageCache.set(model, result);
  return result;
}

function sourceLabel(source: string): string {
  return source === "$connections" ? "the $connections parameter values" : source === "connectionReferences" ? "connectionReferences" : "the $connections default value";
}

export const connectionKeyMissing: Rule = {
  code: "connection-key-missing",
  severity: "error",
  summary: "The definition uses a `$connections` key (or Power Automate connection reference) that the supplied values do not contain.",
  fix: "Add the key to `$connections` (resource `parameters.$connections.value`, or `connectionReferences`), or use a key that exists.",
  check(model, report) {
    const values = model.target.connections;
    if (!values || model.target.flavor === "standard") return;
    const keys = [...values.entries.values()].map((e) => e.key);
    const seen = new Set<string>();
    for (const usage of connectionUsages(model).usages) {
      const l = usage.key.toLowerCase();
      if (values.entries.has(l) || seen.has(`${usage.pointer}\u0000${l}`)) continue;
      seen.add(`${usage.pointer}\u0000${l}`);
      report(
        usage.pointer,
        `Connection '${usage.key}' is used here but ${sourceLabel(values.source)} have no such key (they have ${keys.length ? keys.map((k) => `'${k}'`).join(", ") : "none"}).${didYouMean(usage.key, keys)} Add it or use an existing key.`,
        usage.offset,
      );
    }
  },
};

export const connectionKeyUnused: Rule = {
  code: "connection-key-unused",
  severity: "warning",
  summary: "A `$connections` entry (or connection reference) is supplied but the definition never uses it.",
  fix: "Remove the entry (and its connection resource if nothing else uses it), or use it.",
  check(model, report) {
    const values = model.target.connections;
    if (!values || model.target.flavor === "standard") return;
    const { usages, dynamic } = connectionUsages(model);
    if (dynamic) return;
    const used = new Set(usages.map((u) => u.key.toLowerCase()));
    for (const [l, entry] of values.entries) {
      if (!used.has(l)) report(entry.pointer, `Connection '${entry.key}' is declared but no action or trigger uses it: remove it, or use it.`);
    }
  },
};
