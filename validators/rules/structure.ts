/** Structural limits and placement rules of the service. */
import { joinPointer } from "../../wdl/pointer";
import { isObject } from "../../wdl/walk";
import type { ActionNode } from "../model";
import type { Rule } from "./rule";

/** Service limits (Logic Apps limits and configuration). */
export const LIMITS = { actions: 500, nestingDepth: 8, switchCases: 25, nameLength: 80 } as const;

function loopAround(node: ActionNode): ActionNode | undefined {
  for (let p = node.parent; p; p = p.parent) if (p.type === "foreach" || p.type === "until") return p;
  return undefined;
}

export const notAllowedInLoop: Rule = {
  code: "not-allowed-in-loop",
  severity: "error",
  summary: "A Terminate or Response action is inside a Foreach or Until loop, where the service does not allow it.",
  fix: "Move it after the loop; inside the loop set a variable and test it afterwards.",
  check(model, report) {
    for (const node of model.actions) {
      if (node.type !== "terminate" && node.type !== "response") continue;
      const loop = loopAround(node);
      if (!loop) continue;
      const kind = node.type === "terminate" ? "Terminate" : "Response";
      report(
        node.pointer,
        `${kind} action '${node.name}' is inside the ${loop.type === "foreach" ? "Foreach" : "Until"} loop '${loop.name}', which is not allowed: move it after the loop.`,
      );
    }
  },
};

/** True when an `operationOptions` value lists `option` (a comma-separated list, compared case-insensitively). */
export function hasOperationOption(value: unknown, option: string): boolean {
  return typeof value === "string" && value.split(",").some((o) => o.trim().toLowerCase() === option.toLowerCase());
}

export const foreachSequentialWithRepetitions: Rule = {
  code: "foreach-sequential-with-repetitions",
  severity: "error",
  summary:
    "A Foreach sets both `operationOptions: \"Sequential\"` and `runtimeConfiguration.concurrency.repetitions`; the service accepts one or the other, not both.",
  fix: "Keep one: `Sequential` runs the iterations one at a time (like repetitions 1); `repetitions` (1–50) runs that many in parallel.",
  check(model, report) {
    for (const node of model.actions) {
      if (node.type !== "foreach" || !hasOperationOption(node.action.operationOptions, "Sequential")) continue;
      const rc = node.action.runtimeConfiguration;
      const concurrency = isObject(rc) && isObject(rc.concurrency) ? rc.concurrency : undefined;
      if (!concurrency || concurrency.repetitions === undefined) continue;
      report(
        joinPointer(node.pointer, "runtimeConfiguration", "concurrency", "repetitions"),
        `Foreach '${node.name}' is Sequential and also sets concurrency.repetitions (${JSON.stringify(concurrency.repetitions)}): the service refuses both together. Remove one (Sequential equals repetitions 1).`,
      );
    }
  },
};

export const nestingTooDeep: Rule = {
  code: "nesting-too-deep",
  severity: "error",
  summary: `Containers are nested more than ${LIMITS.nestingDepth} levels deep.`,
  fix: "Flatten the logic, or move the inner part into a child workflow (Workflow action).",
  check(model, report) {
    for (const node of model.actions) {
      if (node.depth !== LIMITS.nestingDepth + 1) continue;
      report(node.pointer, `'${node.name}' is nested ${node.depth} containers deep; the limit is ${LIMITS.nestingDepth}. Flatten the containers or use a child workflow.`);
    }
  },
};

export const tooManyActions: Rule = {
  code: "too-many-actions",
  severity: "error",
  summary: `The definition has more than ${LIMITS.actions} actions (nested ones included).`,
  fix: "Split the workflow into child workflows.",
  check(model, report) {
    if (model.actions.length > LIMITS.actions) {
      report(joinPointer(model.base, "actions"), `The definition has ${model.actions.length} actions; the limit is ${LIMITS.actions}. Split it into child workflows.`);
    }
  },
};

export const switchTooManyCases: Rule = {
  code: "switch-too-many-cases",
  severity: "error",
  summary: `A Switch has more than ${LIMITS.switchCases} cases.`,
  fix: "Merge cases, or nest a second Switch in the default case.",
  check(model, report) {
    for (const node of model.actions) {
      if (node.type !== "switch" || !isObject(node.action.cases)) continue;
      const n = Object.keys(node.action.cases).length;
      if (n > LIMITS.switchCases) report(joinPointer(node.pointer, "cases"), `Switch '${node.name}' has ${n} cases; the limit is ${LIMITS.switchCases}. Merge cases or nest a Switch in the default case.`);
    }
  },
};

/** Visit every trigger and action name with its pointer. */
function eachName(model: Parameters<Rule["check"]>[0], visit: (name: string, pointer: string, what: string) => void): void {
  for (const t of model.triggers) visit(t.name, t.pointer, "Trigger");
  for (const a of model.actions) visit(a.name, a.pointer, "Action");
}

export const nameTooLong: Rule = {
  code: "name-too-long",
  severity: "error",
  summary: `An action or trigger name is longer than ${LIMITS.nameLength} characters.`,
  fix: "Shorten the name (and every reference to it).",
  check(model, report) {
    eachName(model, (name, pointer, what) => {
      if (name.length > LIMITS.nameLength) report(pointer, `${what} name '${name.slice(0, 40)}…' is ${name.length} characters long; the limit is ${LIMITS.nameLength}. Shorten it.`);
    });
  },
};

/** Characters the service rejects in names: < > % & \ ? / and control characters. */
const FORBIDDEN = /[<>%&\\?/\u0000-\u001f\u007f]/g;
const FORBIDDEN_TEST = /[<>%&\\?/\u0000-\u001f\u007f]/;

export const nameInvalidCharacters: Rule = {
  code: "name-invalid-characters",
  severity: "error",
  summary: "An action or trigger name contains a character the service rejects: `< > % & \\ ? /` or a control character.",
  fix: "Remove or replace those characters (the designer uses `_`), and update every reference.",
  check(model, report) {
    eachName(model, (name, pointer, what) => {
      if (!FORBIDDEN_TEST.test(name)) return;
      const bad = [...new Set(name.match(FORBIDDEN) ?? [])];
      const shown = bad.map((c) => (c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f ? `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}` : `'${c}'`));
      report(pointer, `${what} name '${JSON.stringify(name).slice(1, -1)}' contains ${shown.join(", ")}, which names cannot contain. Replace ${bad.length > 1 ? "them" : "it"} with '_'.`);
    });
  },
};

export const duplicateName: Rule = {
  code: "duplicate-name",
  severity: "error",
  summary: "Two actions have the same name, even if they sit in different scopes.",
  fix: "Rename one of them; action names must be unique across the whole definition.",
  check(model, report) {
    for (const [, nodes] of model.byName) {
      if (nodes.length < 2) continue;
      const first = nodes[0]!;
      for (const dup of nodes.slice(1)) {
        report(dup.pointer, `Action name '${dup.name}' is already used by the action at ${first.pointer}: names must be unique across the whole definition. Rename one.`);
      }
    }
  },
};

/** Statuses (lower-case) each earlier sibling must end in for `node` to run; undefined entries are unconstrained. */
function requirements(node: ActionNode, memo: Map<ActionNode, Map<string, Set<string>>>, visiting = new Set<ActionNode>()): Map<string, Set<string>> {
  const hit = memo.get(node);
  if (hit) return hit;
  const out = new Map<string, Set<string>>();
  if (visiting.has(node)) return out; // a cycle (reported by run-after-cycle)
  visiting.add(node);
  const require = (name: string, statuses: Set<string>) => {
    const known = out.get(name);
    out.set(name, known ? new Set([...known].filter((s) => statuses.has(s))) : statuses);
  };
  for (const [name, written] of node.runAfter) {
    const pred = node.scope.byName.get(name);
    if (!pred || !Array.isArray(written)) continue;
    const statuses = new Set(written.filter((s): s is string => typeof s === "string").map((s) => s.toLowerCase()));
    if (statuses.size === 0) statuses.add("succeeded");
    require(name, statuses);
    // A predecessor that must have run (not Skipped) carries its own requirements.
    if (!statuses.has("skipped")) for (const [n, s] of requirements(pred, memo, visiting)) require(n, s);
  }
  visiting.delete(node);
  memo.set(node, out);
  return out;
}

/** Names of the siblings `node` runs after, directly or not. */
function predecessors(node: ActionNode, seen = new Set<string>()): Set<string> {
  for (const [name] of node.runAfter) {
    const pred = node.scope.byName.get(name);
    if (!pred || seen.has(name)) continue;
    seen.add(name);
    predecessors(pred, seen);
  }
  return seen;
}

/**
 * A sibling that can run at the same time as `node`: not before or after it in the runAfter graph, and not on a
 * branch that excludes it (both wait for one action, in statuses that cannot both hold — the success and the
 * failure path of the same action).
 */
function concurrentSibling(node: ActionNode): ActionNode | undefined {
  const memo = new Map<ActionNode, Map<string, Set<string>>>();
  const before = predecessors(node);
  const mine = requirements(node, memo);
  for (const other of node.scope.members) {
    if (other === node || before.has(other.name) || predecessors(other).has(node.name)) continue;
    const theirs = requirements(other, memo);
    const excluded = [...mine].some(([name, statuses]) => {
      const other = theirs.get(name);
      return other !== undefined && ![...statuses].some((s) => other.has(s));
    });
    if (!excluded) return other;
  }
  return undefined;
}

export const responseInParallelBranch: Rule = {
  code: "response-in-parallel-branch",
  severity: "error",
  summary:
    "A Response action sits on a parallel branch (it, or a container around it, can run at the same time as a sibling), where the service does not allow it. Success and failure branches of one action are not parallel.",
  fix: "Make the Response run after the other branch (join the branches first), or answer from one branch only.",
  check(model, report) {
    for (const node of model.actions) {
      if (node.type !== "response") continue;
      for (let at: ActionNode | undefined = node; at; at = at.parent) {
        const other = concurrentSibling(at);
        if (!other) continue;
        const where = at === node ? `Response '${node.name}'` : `Response '${node.name}' sits in '${at.name}', which`;
        report(node.pointer, `${where} can run at the same time as '${other.name}' (a parallel branch), which the service does not allow: make it run after '${other.name}', or join the branches before responding.`);
        break;
      }
    }
  },
};
