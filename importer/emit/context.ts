/** What emitting one playbook shares across the emitters: the kit names used and the typed/raw counts. */
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
}

/** A fresh context. */
export function emitContext(apis: ReadonlyMap<string, string> = new Map()): EmitContext {
  return { imports: new Set(["definePlaybook"]), typed: 0, raw: 0, apiTyped: 0, apiDeclared: 0, apis, identifiers: new Set() };
}
