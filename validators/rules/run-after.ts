/** runAfter rules: targets, self-references, cycles, statuses. */
import { joinPointer } from "../../wdl/pointer";
import type { ActionNode, Model, RunAfterEntry, Scope } from "../model";
import type { Rule } from "./rule";
import { didYouMean } from "./rule";

/** Valid statuses, lower-cased (compared case-insensitively: Standard writes `FAILED`). */
const STATUSES = new Set(["succeeded", "failed", "skipped", "timedout"]);

/** The runAfter entries of an action: [predecessor name, statuses, pointer]. */
export function runAfterEntries(node: ActionNode): RunAfterEntry[] {
  return node.runAfter;
}

/** The sibling a runAfter name resolves to, if any (action names are case-sensitive). */
export function resolveSibling(node: ActionNode, name: string): ActionNode | undefined {
  return node.scope.byName.get(name);
}

/** A hint when a name only differs in case from an existing action. */
export function caseHint(model: Model, name: string): string {
  const similar = model.byLower.get(name.toLowerCase());
  return similar ? ` Action names are case-sensitive: did you mean '${similar[0]!.name}'?` : "";
}

/** Describe a scope for messages. */
export function describeScope(scope: Scope): string {
  if (!scope.owner) return "the top level";
  const branch = scope.branch === "actions" ? "" : scope.branch === "else" ? " (else branch)" : scope.branch === "default" ? " (default case)" : ` (${scope.branch.replace(/^case:/, "case ").replace(/^tool:/, "tool ")})`;
  return `'${scope.owner.name}'${branch}`;
}

export const runAfterSelf: Rule = {
  code: "run-after-self",
  severity: "error",
  summary: "An action lists itself in its own `runAfter`.",
  fix: "Remove the entry; name the action this one must wait for instead.",
  check(model, report) {
    for (const node of model.actions) {
      for (const [name, , pointer] of runAfterEntries(node)) {
        if (name === node.name) report(pointer, `'${node.name}' cannot run after itself: remove this runAfter entry.`);
      }
    }
  },
};

export const runAfterMissing: Rule = {
  code: "run-after-missing",
  severity: "error",
  summary: "A `runAfter` entry names an action that does not exist anywhere in the definition.",
  fix: "Fix the name (the designer turns spaces into `_`), or remove the entry; `runAfter: {}` starts the action first in its scope.",
  check(model, report) {
    const triggerNames = new Set(model.triggers.map((t) => t.name.toLowerCase()));
    for (const node of model.actions) {
      for (const [name, , pointer] of runAfterEntries(node)) {
        if (name === node.name || model.byName.has(name)) continue;
        if (triggerNames.has(name.toLowerCase())) {
          report(pointer, `'${name}' is a trigger, not an action: use "runAfter": {} to run '${node.name}' right after the trigger.`);
        } else {
          const names = node.scope.members.filter((m) => m !== node).map((m) => m.name);
          const hint = caseHint(model, name) || didYouMean(name, names);
          report(pointer, `'${node.name}' runs after '${name}', but no action has that name.${hint}`);
        }
      }
    }
  },
};

export const runAfterOtherScope: Rule = {
  code: "run-after-other-scope",
  severity: "error",
  summary: "A `runAfter` entry names an action in a different scope; runAfter can only name siblings.",
  fix: "Make the two actions siblings, or make the enclosing container run after the other action.",
  check(model, report) {
    for (const node of model.actions) {
      for (const [name, , pointer] of runAfterEntries(node)) {
        if (name === node.name || resolveSibling(node, name)) continue;
        const elsewhere = model.byName.get(name);
        if (!elsewhere) continue;
        report(
          pointer,
          `'${node.name}' (in ${describeScope(node.scope)}) runs after '${name}', which is in ${describeScope(elsewhere[0]!.scope)}: runAfter can only name actions of the same scope; make the enclosing container wait instead.`,
        );
      }
    }
  },
};

export const runAfterStatus: Rule = {
  code: "run-after-status",
  severity: "error",
  summary: "A `runAfter` status is not one of Succeeded, Failed, Skipped, TimedOut (compared case-insensitively).",
  fix: "Use Succeeded, Failed, Skipped or TimedOut.",
  check(model, report) {
    for (const node of model.actions) {
      for (const [name, statuses, pointer] of runAfterEntries(node)) {
        if (!Array.isArray(statuses)) continue; // the schema reports the shape
        statuses.forEach((status, i) => {
          if (typeof status === "string" && !STATUSES.has(status.toLowerCase())) {
            report(`${pointer}/${i}`, `'${status}' is not a runAfter status (after '${name}'): use Succeeded, Failed, Skipped or TimedOut.`);
          }
        });
      }
    }
  },
};

export const runAfterCycle: Rule = {
  code: "run-after-cycle",
  severity: "error",
  summary: "Actions wait for each other in a circle, so none of them can ever start.",
  fix: "Remove one of the runAfter entries in the cycle.",
  check(model, report) {
    for (const scope of model.scopes) {
      for (const cycle of cyclesIn(scope)) {
        const first = cycle.reduce((a, b) => (a.index <= b.index ? a : b));
        const start = cycle.indexOf(first);
        const ordered = [...cycle.slice(start), ...cycle.slice(0, start)];
        const path = [...ordered, first].map((n) => `'${n.name}'`).join(" → runs after → ");
        report(joinPointer(first.pointer, "runAfter"), `runAfter cycle: ${path}. Remove one of these runAfter entries.`);
      }
    }
  },
};

/** Strongly connected components of size > 1 in a scope's runAfter graph (edges action → predecessor). */
function cyclesIn(scope: Scope): ActionNode[][] {
  // Fast path: when every predecessor comes earlier in the document, the graph cannot have a cycle.
  let backwardOnly = true;
  for (const node of scope.members) {
    for (const [name] of node.runAfter) {
      const p = resolveSibling(node, name);
      if (p && p.index >= node.index) backwardOnly = false;
    }
    if (!backwardOnly) break;
  }
  if (backwardOnly) return [];
  const edges = new Map<ActionNode, ActionNode[]>();
  for (const node of scope.members) {
    const preds: ActionNode[] = [];
    for (const [name] of runAfterEntries(node)) {
      const p = resolveSibling(node, name);
      if (p && p !== node) preds.push(p);
    }
    edges.set(node, preds);
  }
  // Tarjan's algorithm, iterative so deep chains cannot overflow the stack.
  const index = new Map<ActionNode, number>();
  const low = new Map<ActionNode, number>();
  const onStack = new Set<ActionNode>();
  const stack: ActionNode[] = [];
  const out: ActionNode[][] = [];
  let counter = 0;
  for (const root of scope.members) {
    if (index.has(root)) continue;
    const work: [ActionNode, number][] = [[root, 0]];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length) {
      const frame = work[work.length - 1]!;
      const [v, i] = frame;
      const succ = edges.get(v)!;
      if (i < succ.length) {
        frame[1]++;
        const w = succ[i]!;
        if (!index.has(w)) {
          index.set(w, counter);
          low.set(w, counter++);
          stack.push(w);
          onStack.add(w);
          work.push([w, 0]);
        } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1]![0];
        low.set(parent, Math.min(low.get(parent)!, low.get(v)!));
      }
      if (low.get(v) === index.get(v)) {
        const component: ActionNode[] = [];
        let w: ActionNode;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          component.push(w);
        } while (w !== v);
        if (component.length > 1) out.push(orderCycle(component, edges));
      }
    }
  }
  return out.sort((a, b) => Math.min(...a.map((n) => n.index)) - Math.min(...b.map((n) => n.index)));
}

/** Order a component along its edges, starting from its first action, for a readable message. */
function orderCycle(component: ActionNode[], edges: Map<ActionNode, ActionNode[]>): ActionNode[] {
  const members = new Set(component);
  const start = component.reduce((a, b) => (a.index <= b.index ? a : b));
  const path = [start];
  const seen = new Set([start]);
  let cur = start;
  for (;;) {
    const next = (edges.get(cur) ?? []).find((n) => members.has(n) && !seen.has(n));
    if (!next) break;
    path.push(next);
    seen.add(next);
    cur = next;
  }
  // Members not on the simple path (a component with several loops) are appended in document order.
  for (const n of [...component].sort((a, b) => a.index - b.index)) if (!seen.has(n)) path.push(n);
  return path;
}

/** Every action `node` waits for, directly or transitively, within its own scope (memoised per model). */
const closures = new WeakMap<Model, Map<ActionNode, Set<ActionNode>>>();
export function predecessors(model: Model, node: ActionNode): Set<ActionNode> {
  let memo = closures.get(model);
  if (!memo) {
    memo = new Map();
    closures.set(model, memo);
  }
  const known = memo.get(node);
  if (known) return known;
  const out = new Set<ActionNode>();
  const todo = [node];
  while (todo.length) {
    const cur = todo.pop()!;
    for (const [name] of runAfterEntries(cur)) {
      const p = resolveSibling(cur, name);
      if (p && p !== node && !out.has(p)) {
        out.add(p);
        todo.push(p);
      }
    }
  }
  memo.set(node, out);
  return out;
}
