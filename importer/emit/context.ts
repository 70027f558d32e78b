/** What emitting one playbook shares across the emitters: the kit names used, handles in scope and the counts. */
import { identifier } from "../names";
import type { Ty } from "./types";

/** A step the generated code may hold a handle of. */
export interface HandleInfo {
  /** The step's name in the definition. */
  readonly name: string;
  /** What `body('X')`, `outputs('X')` and (for a declaration) `variables('x')` read as: the handle's member and its type. */
  readonly access: Partial<Record<"body" | "outputs" | "variables", { readonly member: string; readonly ty: Ty }>>;
  /** The identifier of its `const`, once something reads it. */
  id?: string;
  /** What the identifier is derived from when not the step's name (a variable's name). */
  readonly idHint?: string;
  /** True when the generated code reads it (the statement gets `const id = `). */
  used: boolean;
}

/** An enclosing typed loop: the identifier of its item and the item's type. */
export interface LoopInfo {
  readonly id: string;
  readonly ty: Ty;
  /** True once an expression reads the item (the callback then names it). */
  used: boolean;
}

/** What expressions can refer to at the current place of the generated code. */
export interface LiftScope {
  /** Steps whose handles are in scope here (placed earlier in this branch or an enclosing one). */
  visible: Map<string, HandleInfo>;
  /** Declared variables (top level, declared with `flow.variable`). */
  readonly variables: Map<string, HandleInfo>;
  /** Parameters declared with `param.*`, by name. */
  readonly params: Map<string, Ty>;
  /** Enclosing typed loops by their step name. */
  loops: Map<string, LoopInfo>;
  /** The trigger body's type. */
  trigger: Ty;
  /** True when the definition declares `$connections` (so `connectionRef(…)` adds no declaration). */
  readonly connections: boolean;
  /** How deep the current branch is (0: the top level; -1 before the top level is entered). */
  depth: number;
}

/** How many expressions and containers the generated code wrote typed, partly typed, or raw. */
export interface LiftStats {
  /** String values holding expressions: fully builder code, builder code with `raw` parts, or `raw` as a whole. */
  exprLifted: number;
  exprPartial: number;
  exprRaw: number;
  /** If/Switch/Foreach/Until/Scope actions written with the builder's control flow, or with `flow.container`. */
  containersTyped: number;
  containersRaw: number;
}

/** What emitting one playbook shares across the emitters. */
export interface EmitContext {
  /** Names imported from `playbook-kit`. */
  readonly imports: Set<string>;
  /** Actions emitted in a typed form. */
  typed: number;
  /** Actions emitted with an escape hatch (raw action, raw container). */
  raw: number;
  /** Typed ApiConnection calls, and ApiConnection actions whose connector the kit declares. */
  apiTyped: number;
  apiDeclared: number;
  /** `$connections` key (lower-cased) → managed API, from the workflow's connection values. */
  readonly apis: ReadonlyMap<string, string>;
  /** Identifiers of step handles used so far (unique across the file). */
  readonly identifiers: Set<string>;
  /** Expression lifting: undefined when off (every expression stays `raw`). */
  lifting: LiftScope | undefined;
  /** Build-context members the generated code reads (`trigger`, `params`). */
  readonly uses: Set<string>;
  /** Steps whose expressions must not read handles (the builder could not place such a read). */
  readonly blocked: ReadonlySet<string>;
  /** The step whose members are being emitted. */
  reader: string | undefined;
  readonly stats: LiftStats;
  /** A fresh identifier for a step's handle. */
  allocate(name: string): string;
  /** Remember the side effects so far; `rollback` undoes those made since (and returns undefined). */
  checkpoint(): Checkpoint;
  rollback(mark: Checkpoint): undefined;
  /** Record a handle marked used (so a rollback can unmark it). */
  touch(info: { used: boolean }): void;
}

/** Side effects at one moment. */
export interface Checkpoint {
  readonly imports: readonly string[];
  readonly uses: readonly string[];
  readonly touched: number;
}

/** A fresh context. */
export function emitContext(apis: ReadonlyMap<string, string> = new Map(), options: { lift?: boolean; blocked?: ReadonlySet<string> } = {}): EmitContext {
  const touched: { info: { used: boolean }; used: boolean }[] = [];
  const ctx: EmitContext = {
    imports: new Set(["definePlaybook"]),
    typed: 0,
    raw: 0,
    apiTyped: 0,
    apiDeclared: 0,
    apis,
    identifiers: new Set(),
    lifting: undefined,
    uses: new Set(),
    blocked: options.blocked ?? new Set(),
    reader: undefined,
    stats: { exprLifted: 0, exprPartial: 0, exprRaw: 0, containersTyped: 0, containersRaw: 0 },
    allocate: (name) => identifier(name, ctx.identifiers),
    checkpoint: () => ({ imports: [...ctx.imports], uses: [...ctx.uses], touched: touched.length }),
    rollback: (mark) => {
      ctx.imports.clear();
      for (const i of mark.imports) ctx.imports.add(i);
      ctx.uses.clear();
      for (const u of mark.uses) ctx.uses.add(u);
      while (touched.length > mark.touched) {
        const t = touched.pop()!;
        t.info.used = t.used;
      }
      return undefined;
    },
    touch: (info) => {
      touched.push({ info, used: info.used });
      info.used = true;
    },
  };
  return ctx;
}
