/**
 * The builder's internal graph: steps, the scopes (branches) that hold them, and the checks that run when the
 * graph is complete — every expression may only read steps that can have run before the step that reads it.
 */
import type { RunAfterStatus } from "../../wdl";
import { BuildError } from "./errors";
import type { Dep, DepTarget } from "./expr";
import type { ActionSpec, Permission } from "./operation";
import type { Site } from "./site";

/** One branch that holds steps: the root, or a container's `actions`, `else`, `case:X` or `default`. */
export class ScopeNode {
  readonly steps: StepNode[] = [];
  constructor(
    readonly owner: StepNode | undefined,
    readonly branch: string,
  ) {}

  /** Human path, e.g. `If_severity_is_High › else`. */
  get path(): string {
    if (!this.owner) return "(top level)";
    return `${this.owner.path} › ${this.branch}`;
  }
}

/** One step (action) in the graph. */
export class StepNode implements DepTarget {
  readonly runAfter: { step: StepNode; statuses: RunAfterStatus[] }[] = [];
  /** The `runAfter` member as the author gave it (`StepOptions.runAfter`), or `false` to leave it out. */
  rawRunAfter: Readonly<Record<string, readonly string[]>> | false | undefined;
  readonly children: ScopeNode[] = [];
  /** Extra dependencies checked against ancestors plus this step's own descendants (Until exit conditions). */
  loopConditionDeps: readonly Dep[] = [];
  /** Where the author placed the step. */
  site: Site | undefined;
  /** The author's `secure` option as given (undefined when not given). */
  secureOption: boolean | undefined;
  /** Set when audit mode placed an audit record instead of the destructive step the author wrote. */
  audited = false;
  private ancestorsMemo: Set<StepNode> | undefined;
  private descendantsMemo: StepNode[] | undefined;

  constructor(
    readonly name: string,
    readonly label: string,
    readonly scope: ScopeNode,
    readonly spec: ActionSpec,
    /** What the step's own inputs read. */
    readonly deps: readonly Dep[],
  ) {}

  /** Human path, e.g. `If_severity_is_High › actions › Isolate_machine`. */
  get path(): string {
    return this.scope.owner ? `${this.scope.path} › ${this.name}` : this.name;
  }

  get permissions(): readonly Permission[] {
    return this.spec.permissions;
  }

  /** Add a child scope (branch) to this container step. */
  addScope(branch: string): ScopeNode {
    const scope = new ScopeNode(this, branch);
    this.children.push(scope);
    return scope;
  }

  /** Every step nested anywhere inside this one (cached once asked: the graph is complete by then). */
  descendants(): readonly StepNode[] {
    if (this.descendantsMemo) return this.descendantsMemo;
    const out: StepNode[] = [];
    for (const scope of this.children) {
      for (const step of scope.steps) {
        out.push(step);
        for (const d of step.descendants()) out.push(d);
      }
    }
    return (this.descendantsMemo = out);
  }

  /** Enclosing container steps, innermost first. */
  *enclosing(): Generator<StepNode> {
    let owner = this.scope.owner;
    while (owner) {
      yield owner;
      owner = owner.scope.owner;
    }
  }

  /** Steps that have finished (or been skipped) whenever this one starts. */
  ancestors(): Set<StepNode> {
    if (this.ancestorsMemo) return this.ancestorsMemo;
    const out = new Set<StepNode>();
    for (const { step } of this.runAfter) {
      out.add(step);
      for (const d of step.descendants()) out.add(d);
      for (const a of step.ancestors()) out.add(a);
    }
    const owner = this.scope.owner;
    if (owner) {
      out.add(owner);
      for (const a of owner.ancestors()) out.add(a);
    }
    this.ancestorsMemo = out;
    return out;
  }
}

/** Explain why `target` cannot have run before `reader`. */
function whyNotRun(reader: StepNode, target: StepNode): string {
  if (target === reader) return "a step cannot read its own outputs";
  const readerChain = [reader, ...reader.enclosing()];
  const targetChain = [target, ...target.enclosing()];
  // Find the innermost container both sit in.
  for (const t of targetChain) {
    const scope = t.scope;
    const r = readerChain.find((s) => s.scope === scope);
    if (r) {
      if (r === t) return `'${target.name}' runs inside '${reader.name}', after it starts`;
      const order = scope.steps.indexOf(t) > scope.steps.indexOf(r) ? "comes later in the flow" : "is not among its run-after predecessors";
      return `'${t.name}' ${order}`;
    }
    for (const r2 of readerChain) {
      if (r2.scope.owner && r2.scope.owner === t.scope.owner && r2.scope !== t.scope) {
        return `it is in another branch (${t.scope.branch}) of '${t.scope.owner.name}' than the reader (${r2.scope.branch})`;
      }
    }
  }
  return "they are in unrelated scopes";
}

/** Check that every dependency of a step can be satisfied when it runs. */
export function checkStepDeps(step: StepNode, declaredParams: ReadonlySet<string>): void {
  let memo: Set<StepNode> | undefined;
  const ancestors = { has: (s: StepNode) => (memo ??= step.ancestors()).has(s) };
  const check = (dep: Dep, extra?: Set<StepNode>) => {
    if (dep.kind === "step") {
      const target = dep.step as StepNode;
      if (ancestors.has(target) || extra?.has(target)) return;
      throw new BuildError(
        "step-not-yet-run",
        `'${step.label}' reads the outputs of '${target.label}' (at ${target.path}), which cannot have run before it: ${whyNotRun(step, target)}. ` +
          `Read it only from steps that run after it (use \`after: [...]\`), or move one of the steps.`,
        step.path,
        step.site?.location,
      );
    }
    if (dep.kind === "loop") {
      const loop = dep.step as StepNode;
      for (const owner of step.enclosing()) if (owner === loop) return;
      throw new BuildError(
        "item-outside-loop",
        `'${step.label}' reads the current item of loop '${loop.label}' (at ${loop.path}) but is not inside that loop. Move the step into the loop's body.`,
        step.path,
        step.site?.location,
      );
    }
    if (dep.kind === "param" && !declaredParams.has(dep.name)) {
      throw new BuildError("undeclared-parameter", `'${step.label}' reads parameter '${dep.name}', which the playbook does not declare.`, step.path, step.site?.location);
    }
  };
  for (const dep of step.deps) check(dep);
  if (step.loopConditionDeps.length > 0) {
    const inside = new Set(step.descendants());
    for (const dep of step.loopConditionDeps) check(dep, inside);
  }
}
