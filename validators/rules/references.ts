/**
 * Expression references to actions and loops: the named action must exist and must have run. Names in expressions
 * are matched case-insensitively, as the engine does: the real Send-AnalyticalRulesHealthNotifications playbook
 * reads `items('For_Each')` inside the loop `For_each`. (runAfter names are case-sensitive: LogicAppsUX#7023.)
 */
import { ACTION_REFERENCE_FUNCTIONS } from "../../wdl/expression/references";
import type { ActionNode, Model, Owner, Site } from "../model";
import { encloses, literalArg } from "../model";
import { predecessors } from "./run-after";
import type { Rule } from "./rule";
import { didYouMean } from "./rule";

const referenceCache = new WeakMap<Model, { site: Site; fn: string; name: string }[]>();

/** Each literal action reference in the definition: `body('X')`, `outputs('X')`, `result('X')`, … (memoised). */
function actionReferences(model: Model): { site: Site; fn: string; name: string }[] {
  const cached = referenceCache.get(model);
  if (cached) return cached;
  const out: { site: Site; fn: string; name: string }[] = [];
  for (const site of model.sites) {
    for (const call of site.calls) {
      const fn = call.name.toLowerCase();
      if (!ACTION_REFERENCE_FUNCTIONS.has(fn)) continue;
      const name = literalArg(call);
      if (name !== undefined) out.push({ site, fn: call.name, name });
    }
  }
  referenceCache.set(model, out);
  return out;
}

function ownerLabel(owner: Owner): string {
  if (owner.kind === "action") return `action '${owner.node.name}'`;
  if (owner.kind === "trigger") return `trigger '${owner.node.name}'`;
  return "the definition outputs";
}

export const referenceMissing: Rule = {
  code: "reference-missing",
  severity: "error",
  summary: "An expression such as `body('X')` or `outputs('X')` names an action that does not exist.",
  fix: "Use the action's exact name (spaces become `_`), or add the action.",
  check(model, report) {
    const triggerNames = new Set(model.triggers.map((t) => t.name.toLowerCase()));
    const allNames = model.actions.map((a) => a.name);
    for (const { site, fn, name } of actionReferences(model)) {
      const l = name.toLowerCase();
      if (model.byLower.has(l) || triggerNames.has(l)) continue;
      report(site.pointer, `${fn}('${name}') in ${ownerLabel(site.owner)} names no action.${didYouMean(name, allNames)}`, site.shift);
    }
  },
};

/** True when `target` has completed (or is running around `node`) whenever `node` evaluates `property`. */
export function canHaveRun(model: Model, node: ActionNode, property: string, target: ActionNode): boolean {
  if (encloses(target, node)) return true; // an enclosing scope
  // An Until evaluates its condition after each pass through its body.
  if (node.type === "until" && property === "expression" && encloses(node, target)) return true;
  // Some enclosing level (the action itself, or a container around it) must wait for the target or for a
  // container around the target.
  for (let e: ActionNode | undefined = node; e; e = e.parent) {
    const preds = predecessors(model, e);
    if (!preds.size) continue;
    for (let t: ActionNode | undefined = target; t; t = t.parent) if (preds.has(t)) return true;
  }
  return false;
}

export const referenceNotRun: Rule = {
  code: "reference-not-run",
  severity: "error",
  summary: "An expression reads an action that cannot have run yet: it is neither a runAfter ancestor nor an enclosing scope.",
  fix: "Add the action (or a container holding it) to this action's runAfter chain, or move this action after it.",
  check(model, report) {
    for (const { site, fn, name } of actionReferences(model)) {
      const targets = model.byLower.get(name.toLowerCase());
      if (!targets || site.owner.kind === "outputs") continue;
      const owner = site.owner;
      if (owner.kind === "trigger") {
        report(site.pointer, `${fn}('${name}') in trigger '${owner.node.name}': a trigger fires before every action, so it cannot read '${name}'.`, site.shift);
        continue;
      }
      if (targets.some((t) => canHaveRun(model, owner.node, owner.property, t))) continue;
      const target = targets[0]!;
      const message =
        target === owner.node
          ? `${fn}('${name}') in action '${owner.node.name}': an action cannot read its own outputs while it runs. Read them in a later action.`
          : `${fn}('${name}') in action '${owner.node.name}': '${name}' is not in the runAfter chain of '${owner.node.name}' (nor of a container around it). Make '${owner.node.name}' run after '${name}' (directly or through its container).`;
      report(site.pointer, message, site.shift);
    }
  },
};

export const loopReferenceOutside: Rule = {
  code: "items-outside-loop",
  severity: "error",
  summary: "`items('L')` is used outside the Foreach `L` (or `iterationIndexes('U')` outside the Until `U`).",
  fix: "Use it only inside the named loop, or name the loop that encloses this action.",
  check(model, report) {
    for (const site of model.sites) {
      for (const call of site.calls) {
        const fn = call.name.toLowerCase();
        const loopType = fn === "items" ? "foreach" : fn === "iterationindexes" ? "until" : undefined;
        if (!loopType) continue;
        const name = literalArg(call);
        if (name === undefined) continue;
        const l = name.toLowerCase();
        const owner = site.owner;
        let inside = false;
        const enclosingLoops: string[] = [];
        if (owner.kind === "action") {
          // An Until's condition is evaluated inside the loop, after each pass: it may read its own index.
          if (loopType === "until" && owner.node.type === "until" && owner.property === "expression" && owner.node.lower === l) continue;
          for (let p = owner.node.parent; p; p = p.parent) {
            if (p.type === loopType) {
              enclosingLoops.push(p.name);
              if (p.lower === l) inside = true;
            }
          }
        }
        if (inside) continue;
        const kind = loopType === "foreach" ? "a Foreach" : "an Until";
        const hint = enclosingLoops.length ? ` The enclosing ${kind.replace(/^an? /, "")} loop${enclosingLoops.length > 1 ? "s are" : " is"} ${enclosingLoops.map((n) => `'${n}'`).join(", ")}.` : "";
        report(site.pointer, `${call.name}('${name}') in ${ownerLabel(owner)} is not inside ${kind} named '${name}'.${hint}`, site.shift);
      }
    }
  },
};
