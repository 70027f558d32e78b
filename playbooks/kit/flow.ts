/**
 * The author-facing builder. A `Flow` adds steps to one scope; each step runs after the previous one of its
 * scope unless `after`/`on` say otherwise. Steps return handles whose outputs are typed expressions.
 */
import { ast, RUN_AFTER_STATUSES, type ComparisonName, type RetryPolicy, type RunAfterStatus, type VariableType } from "../../wdl";
import { BuildError } from "./errors";
import { asExpr, depsOf, EXPR, isExpr, mergeDeps, ref, type Dep, type Expr, type ExprLike, type Ref, type Untyped } from "./expr";
import { auditRecord, destructiveCallOf, type PlaybookMode } from "./audit";
import { ScopeNode, StepNode } from "./graph";
import { MAX_NAME_LENGTH, nameFromLabel } from "./names";
import type { ActionSpec, Input } from "./operation";
import { secureProperties, setSecureData } from "./secrets";
import { Site } from "./site";

const NODE: unique symbol = Symbol("playbook-kit.step");

/** A placed step: pass it to `after`, or read its outputs. */
export interface StepHandle {
  /** The step's name in the definition. */
  readonly name: string;
  readonly [NODE]: StepNode;
}

/** The outputs record of an action: status code, headers and body. */
export interface ActionOutputs<Body> {
  statusCode: number;
  headers: Record<string, string>;
  body: Body;
}

/** A step that produces a body. */
export interface Step<Out> extends StepHandle {
  /** `body('Name')`, typed. */
  readonly body: Ref<Out>;
  /** `outputs('Name')`, typed. */
  readonly outputs: Ref<ActionOutputs<Out>>;
}

/** A Compose step; `value` is `outputs('Name')`. */
export interface Composed<T> extends StepHandle {
  readonly value: Ref<T>;
}

/**
 * A variable type as a declaration writes it. The service reads the type case-insensitively and the designer
 * writes `String`, `Integer`, … in many published playbooks (UNCONFIRMED in the docs, which show lower case;
 * taken from the corpus), so both spellings are accepted and written as given.
 */
export type VariableTypeName = VariableType | Capitalize<VariableType>;

/** A variable declared at the top level; `value` is `variables('name')`. */
export interface Variable<T> extends StepHandle {
  readonly variable: string;
  readonly type: VariableTypeName;
  readonly value: Ref<T>;
}

/** Options every step accepts. */
export interface StepOptions {
  /** Run after these steps (same scope) instead of the previous step. */
  after?: StepHandle | readonly StepHandle[];
  /** Statuses the predecessors must end in; default `Succeeded`. `["Failed", "TimedOut"]` makes an error handler. */
  on?: RunAfterStatus | readonly RunAfterStatus[];
  /** Shown in the designer. */
  description?: string;
  /**
   * Hide this step's inputs and outputs in run history (`runtimeConfiguration.secureData`, with the properties
   * the service supports for the step's type). Steps that read a secure parameter or a secured step's outputs
   * are secured without it; `false` on such a step is a build error.
   */
  secure?: boolean;
  /** Retry policy for steps that call out (Http, connectors). */
  retry?: RetryPolicy;
  /** ISO 8601 duration after which the step times out (`limit.timeout`). */
  timeout?: string;
  /**
   * The step's name exactly as given instead of the one derived from the label (for imported definitions whose
   * names the label rule cannot give, such as `Get_RG's` or `a__b`). 1–80 characters.
   */
  name?: string;
  /**
   * Escape hatch: the `runAfter` member exactly as given (names and statuses as written, `{}` for none), or
   * `false` to leave the member out. Replaces `after`/`on`; the builder does not check the names.
   */
  runAfter?: Readonly<Record<string, readonly string[]>> | false;
}

/**
 * A condition as the Logic Apps designer writes it, rendered as given: `{ and: [{ equals: [alert.body.severity,
 * "High"] }] }`. Operands may be expressions. `flow.if` and `flow.until` take it as well as a boolean expression,
 * so an imported condition keeps its form (and the designer keeps showing its condition rows).
 */
export type DesignerCondition =
  | { readonly and: readonly DesignerCondition[] }
  | { readonly or: readonly DesignerCondition[] }
  | { readonly not: DesignerCondition }
  | { readonly [comparison in ComparisonName]?: readonly [Input, Input] };

/** The condition as the action's `expression`: a designer condition object as given, else a boolean expression. */
function conditionInput(condition: ExprLike<boolean> | DesignerCondition): Input {
  return condition !== null && typeof condition === "object" && !isExpr(condition) ? (condition as Input) : asExpr(condition as ExprLike<boolean>);
}

/** Branches of a raw container (`flow.container`): `case:<name>` fills `cases.<name>.actions`. */
export type ContainerBranches = Readonly<Partial<Record<"actions" | "else" | "default" | `case:${string}`, (flow: Flow) => void>>>;

/** What a builder run shares across scopes. */
export interface BuildState {
  /** Claimed names → where they were claimed. */
  readonly names: Map<string, string>;
  /** Every step, in placement order. */
  readonly steps: StepNode[];
  /** Type of the trigger (for Response checks). */
  readonly triggerType: string;
  /** `audit` places destructive steps as audit records. */
  readonly mode: PlaybookMode;
  /** Record where the author placed each step (a second build does, to locate an error the first one found). */
  readonly captureSites?: boolean;
}

function statusesOf(on: StepOptions["on"]): RunAfterStatus[] {
  const list = on === undefined ? ["Succeeded"] : typeof on === "string" ? [on] : [...on];
  for (const s of list) {
    if (!(RUN_AFTER_STATUSES as readonly string[]).includes(s)) {
      throw new BuildError("invalid-run-after-status", `'${s}' is not a run-after status; use one of ${RUN_AFTER_STATUSES.join(", ")}.`);
    }
  }
  return RUN_AFTER_STATUSES.filter((s) => list.includes(s));
}

/** The internal node of a handle. */
export function nodeOf(handle: StepHandle): StepNode {
  const node = handle?.[NODE];
  if (!node) throw new BuildError("invalid-step-handle", "Expected a step handle returned by a flow method.");
  return node;
}

function handle(node: StepNode): StepHandle {
  return { name: node.name, [NODE]: node };
}

function stepHandle<Out>(node: StepNode): Step<Out> {
  const dep: Dep[] = [{ kind: "step", step: node }];
  return {
    ...handle(node),
    body: ref<Out>(ast.call("body", ast.str(node.name)), dep),
    outputs: ref<ActionOutputs<Out>>(ast.call("outputs", ast.str(node.name)), dep),
  };
}

function withOptions(spec: ActionSpec, options: StepOptions, path: string): ActionSpec {
  if (!options.description && !options.secure && !options.retry && !options.timeout) return spec;
  const action: Record<string, Input> = { ...spec.action };
  if (options.description) action.description = options.description;
  if (options.secure) {
    const properties = secureProperties(spec.action.type);
    if (properties.length === 0) {
      throw new BuildError("secure-not-supported", `Logic Apps cannot hide a ${spec.action.type} action's inputs or outputs in run history; remove \`secure\` (secure the steps that handle the data instead).`, path);
    }
    setSecureData(action, properties);
  }
  if (options.timeout) action.limit = { ...(action.limit as object), timeout: options.timeout };
  if (options.retry) {
    const inputs = action.inputs;
    if (!inputs || typeof inputs !== "object" || Array.isArray(inputs) || isExpr(inputs)) {
      throw new BuildError("retry-not-supported", `A retry policy needs a step that calls out (Http or a connector), not ${spec.action.type}.`);
    }
    action.inputs = { ...(inputs as Record<string, Input>), retryPolicy: options.retry as unknown as Input };
  }
  return { ...spec, action: action as ActionSpec["action"] };
}

/** Builds the steps of one scope. */
export class Flow {
  /** @internal */
  constructor(
    private readonly state: BuildState,
    private readonly current: ScopeNode,
  ) {}

  private inLoop(): StepNode | undefined {
    let owner = this.current.owner;
    while (owner) {
      const t = owner.spec.action.type;
      if (t === "Foreach" || t === "Until") return owner;
      owner = owner.scope.owner;
    }
    return undefined;
  }

  private place(label: string, spec: ActionSpec, options: StepOptions = {}, extraDeps: readonly Dep[] = []): StepNode {
    const name = options.name ?? nameFromLabel(label);
    if (options.name !== undefined && (options.name.length === 0 || options.name.length > MAX_NAME_LENGTH || /[\u0000-\u001f]/.test(options.name))) {
      throw new BuildError("invalid-step-name", `The step name ${JSON.stringify(options.name)} must have 1–${MAX_NAME_LENGTH} characters and no control characters.`);
    }
    const path = this.current.owner ? `${this.current.path} › ${name}` : name;
    const previous = this.state.names.get(name);
    if (previous !== undefined) {
      throw new BuildError(
        "duplicate-step-name",
        `The name '${name}' (from the label ${JSON.stringify(label)}) is already used at ${previous}. Names must be unique across the whole playbook, nested scopes included; give one of the steps another label.`,
        path,
      );
    }
    const destructive = destructiveCallOf(spec, path);
    const audit = destructive !== undefined && this.state.mode === "audit";
    const placed = audit
      ? withOptions(auditRecord(spec, destructive, options.description), { secure: options.secure }, path)
      : withOptions(destructive && !spec.destructive ? { ...spec, destructive: true } : spec, options, path);
    const node = new StepNode(name, label, this.current, placed, mergeDeps([depsOf(placed.action), extraDeps]));
    if (this.state.captureSites) node.site = new Site();
    node.secureOption = options.secure;
    node.audited = audit;
    const statuses = statusesOf(options.on);
    if (options.runAfter !== undefined) {
      if (options.after !== undefined || options.on !== undefined) {
        throw new BuildError("run-after-with-after", `'${label}' gives \`runAfter\` together with \`after\`/\`on\`; use one of them.`, path);
      }
      node.rawRunAfter = options.runAfter;
    } else if (options.after !== undefined) {
      const targets = Array.isArray(options.after) ? (options.after as readonly StepHandle[]) : [options.after as StepHandle];
      if (targets.length === 0) throw new BuildError("empty-after", "`after: []` names no step; leave it out to run after the previous step.", path);
      for (const target of targets) {
        const t = nodeOf(target);
        if (t.scope !== this.current) {
          throw new BuildError(
            "run-after-other-scope",
            `'${label}' is placed in ${this.current.path} but asks to run after '${t.name}' in ${t.scope.path}. Run-after links only join steps of the same scope; reference the other step's outputs instead, or move it.`,
            path,
          );
        }
        if (!node.runAfter.some((r) => r.step === t)) node.runAfter.push({ step: t, statuses });
      }
    } else {
      const prev = this.current.steps[this.current.steps.length - 1];
      if (prev) {
        if (prev.spec.action.type === "Terminate") {
          throw new BuildError(
            "step-after-terminate",
            `'${label}' would run after Terminate step '${prev.name}', which ends the run. Give it \`after\` to attach it elsewhere.`,
            path,
          );
        }
        node.runAfter.push({ step: prev, statuses });
      } else if (options.on !== undefined) {
        throw new BuildError("on-without-predecessor", `'${label}' is the first step of its scope, so \`on\` has no step to apply to; add \`after\`.`, path);
      }
    }
    this.state.names.set(name, path);
    this.current.steps.push(node);
    this.state.steps.push(node);
    return node;
  }

  /** Add a connector (or any prepared) step: `flow.step("Get alert", defender.getAlert({ alertId }))`. */
  step<Out>(label: string, spec: ActionSpec<Out>, options?: StepOptions): Step<Out> {
    return stepHandle<Out>(this.place(label, spec, options));
  }

  /** Add a raw action of any type (escape hatch); values may be expressions. Its body is `Untyped` unless `Out` says. */
  action<Out = Untyped>(label: string, action: ActionSpec["action"], options?: StepOptions): Step<Out> {
    return this.step<Out>(label, { title: label, action, connectors: [], permissions: [], destructive: false }, options);
  }

  /** Call an HTTP endpoint. Use `managedIdentity(audience)` for `authentication`. The body is `Untyped` unless `Out` says. */
  http<Out = Untyped>(
    label: string,
    request: { method: string; uri: ExprLike<string>; headers?: Record<string, Input>; queries?: Record<string, Input>; body?: Input; authentication?: Input },
    options?: StepOptions,
  ): Step<Out> {
    const inputs: Record<string, Input> = { method: request.method, uri: request.uri };
    if (request.headers && Object.keys(request.headers).length) inputs.headers = request.headers;
    if (request.queries && Object.keys(request.queries).length) inputs.queries = request.queries;
    if (request.body !== undefined) inputs.body = request.body;
    if (request.authentication !== undefined) inputs.authentication = request.authentication;
    return this.action<Out>(label, { type: "Http", inputs }, options);
  }

  /** Produce a value; read it with `.value` (`Untyped` unless `T` says what it is). */
  compose<T = Untyped>(label: string, value: Input, options?: StepOptions): Composed<T> {
    const node = this.place(label, { title: label, action: { type: "Compose", inputs: value }, connectors: [], permissions: [], destructive: false }, options);
    return { ...handle(node), value: ref<T>(ast.call("outputs", ast.str(node.name)), [{ kind: "step", step: node }]) };
  }

  /** Parse JSON content against a schema; the body is typed as `T` (`Untyped` when not given). */
  parseJson<T = Untyped>(label: string, content: Input, schema: Input, options?: StepOptions): Step<T> {
    return this.action<T>(label, { type: "ParseJson", inputs: { content, schema } }, options);
  }

  /** Render an array as an HTML or CSV table; the body is the table text. Columns default to every property. */
  table<T>(
    label: string,
    table: { from: ExprLike<readonly T[]>; format: "HTML" | "CSV"; columns?: readonly { header: string; value: (row: Ref<T>) => Input }[] },
    options?: StepOptions,
  ): Step<string> {
    const inputs: Record<string, Input> = { from: table.from as Input, format: table.format };
    if (table.columns) inputs.columns = table.columns.map((c) => ({ header: c.header, value: c.value(ref<T>(ast.call("item"))) }));
    return this.action<string>(label, { type: "Table", inputs }, options);
  }

  /** Map an array; `map` gets `item()` and returns the shape of each output element. */
  select<T, U = unknown>(label: string, from: ExprLike<readonly T[]>, map: (item: Ref<T>) => Input, options?: StepOptions): Step<U[]> {
    return this.action<U[]>(label, { type: "Select", inputs: { from: from as Input, select: map(ref<T>(ast.call("item"))) } }, options);
  }

  /** Filter an array; `where` gets `item()` and returns a condition. */
  filter<T>(label: string, from: ExprLike<readonly T[]>, where: (item: Ref<T>) => Expr<boolean>, options?: StepOptions): Step<T[]> {
    return this.action<T[]>(label, { type: "Query", inputs: { from: from as Input, where: asExpr(where(ref<T>(ast.call("item")))) } }, options);
  }

  /** Join an array into a string. */
  join(label: string, from: ExprLike<readonly unknown[]>, joinWith: string, options?: StepOptions): Step<string> {
    return this.action<string>(label, { type: "Join", inputs: { from: from as Input, joinWith } }, options);
  }

  /** Wait for an interval. */
  wait(label: string, interval: { count: ExprLike<number>; unit: "Second" | "Minute" | "Hour" | "Day" | "Week" | "Month" }, options?: StepOptions): StepHandle {
    return handle(this.place(label, { title: label, action: { type: "Wait", inputs: { interval: interval as Input } }, connectors: [], permissions: [], destructive: false }, options));
  }

  /** End the run with a status (not allowed inside loops). */
  terminate(
    label: string,
    end: { status: "Succeeded" | "Failed" | "Cancelled"; code?: ExprLike<string>; message?: ExprLike<string> },
    options?: StepOptions,
  ): StepHandle {
    const loop = this.inLoop();
    if (loop) throw new BuildError("terminate-in-loop", `Terminate cannot be used inside loop '${loop.name}'; end the loop and terminate after it.`, this.current.path);
    const inputs: Record<string, Input> = { runStatus: end.status };
    if (end.status === "Failed" && (end.code !== undefined || end.message !== undefined)) inputs.runError = { code: end.code, message: end.message };
    return handle(this.place(label, { title: label, action: { type: "Terminate", inputs }, connectors: [], permissions: [], destructive: false }, options));
  }

  /** Answer the Request trigger. */
  respond(label: string, response: { statusCode: ExprLike<number>; body?: Input; headers?: Record<string, Input> }, options?: StepOptions): StepHandle {
    if (this.state.triggerType !== "Request") throw new BuildError("response-without-request", "A Response step needs a Request trigger.", this.current.path);
    const loop = this.inLoop();
    if (loop) throw new BuildError("response-in-loop", `Response cannot be used inside loop '${loop.name}'.`, this.current.path);
    return handle(
      this.place(label, { title: label, action: { type: "Response", kind: "Http", inputs: { statusCode: response.statusCode, headers: response.headers, body: response.body } }, connectors: [], permissions: [], destructive: false }, options),
    );
  }

  /** Declare a variable (top level only); read it with `.value`. */
  variable<T>(label: string, declaration: { name: string; type: VariableTypeName; value?: Input }, options?: StepOptions): Variable<T> {
    if (this.current.owner) {
      throw new BuildError("variable-not-top-level", `Variable '${declaration.name}' must be declared at the top level, not inside '${this.current.owner.name}'.`, this.current.path);
    }
    const node = this.place(label, { title: label, action: { type: "InitializeVariable", inputs: { variables: [declaration as unknown as Input] } }, connectors: [], permissions: [], destructive: false }, options);
    const deps: Dep[] = [{ kind: "step", step: node }, { kind: "variable", name: declaration.name }];
    return { ...handle(node), variable: declaration.name, type: declaration.type, value: ref<T>(ast.call("variables", ast.str(declaration.name)), deps) };
  }

  private variableStep(label: string, type: string, variable: Variable<unknown>, value: Input | undefined, options?: StepOptions): StepHandle {
    const inputs: Record<string, Input> = { name: variable.variable };
    if (value !== undefined) inputs.value = value;
    // Writing needs the declaration to have run: depend on it like a read does.
    const node = this.place(label, { title: label, action: { type, inputs }, connectors: [], permissions: [], destructive: false }, options, [{ kind: "step", step: nodeOf(variable) }]);
    return handle(node);
  }

  /** Set a variable. */
  setVariable<T>(label: string, variable: Variable<T>, value: ExprLike<NoInfer<T>> | Input, options?: StepOptions): StepHandle {
    return this.variableStep(label, "SetVariable", variable as Variable<unknown>, value as Input, options);
  }
  /** Add to a numeric variable (default 1). */
  increment(label: string, variable: Variable<number>, by?: ExprLike<number>, options?: StepOptions): StepHandle {
    return this.variableStep(label, "IncrementVariable", variable as Variable<unknown>, by as Input, options);
  }
  /** Subtract from a numeric variable (default 1). */
  decrement(label: string, variable: Variable<number>, by?: ExprLike<number>, options?: StepOptions): StepHandle {
    return this.variableStep(label, "DecrementVariable", variable as Variable<unknown>, by as Input, options);
  }
  /** Append an element to an array variable. */
  appendToArray<T>(label: string, variable: Variable<T[]>, value: ExprLike<NoInfer<T>> | Input, options?: StepOptions): StepHandle {
    return this.variableStep(label, "AppendToArrayVariable", variable as Variable<unknown>, value as Input, options);
  }
  /** Append text to a string variable. */
  appendToString(label: string, variable: Variable<string>, value: ExprLike<string>, options?: StepOptions): StepHandle {
    return this.variableStep(label, "AppendToStringVariable", variable as Variable<unknown>, value as Input, options);
  }

  private container_(label: string, action: ActionSpec["action"], options: StepOptions | undefined, extraDeps: readonly Dep[] = []): StepNode {
    return this.place(label, { title: label, action, connectors: [], permissions: [], destructive: false }, options, extraDeps);
  }

  private fill(node: StepNode, branch: string, body: (flow: Flow) => void): ScopeNode {
    const scope = node.addScope(branch);
    body(new Flow(this.state, scope));
    return scope;
  }

  /** If/else: `then` runs when the condition is true, `otherwise` (optional) when it is false. */
  if(label: string, condition: ExprLike<boolean> | DesignerCondition, then: (flow: Flow) => void, otherwise?: (flow: Flow) => void, options?: StepOptions): StepHandle {
    const node = this.container_(label, { type: "If", expression: conditionInput(condition) }, options);
    this.fill(node, "actions", then);
    if (otherwise) this.fill(node, "else", otherwise);
    return handle(node);
  }

  /** Switch on a value: one branch per case value, and an optional default. At most 25 cases. */
  switch(
    label: string,
    on: ExprLike<string | number>,
    cases: Record<string, (flow: Flow) => void> | readonly (readonly [string | number, (flow: Flow) => void])[],
    otherwise?: (flow: Flow) => void,
    options?: StepOptions,
  ): StepHandle {
    const list: (readonly [string | number, (flow: Flow) => void])[] = Array.isArray(cases) ? [...cases] : Object.entries(cases);
    if (list.length === 0) throw new BuildError("switch-without-cases", `Switch '${label}' needs at least one case.`);
    if (list.length > 25) throw new BuildError("too-many-cases", `Switch '${label}' has ${list.length} cases; the service allows 25. Split it or use a lookup.`);
    const caseNames = new Map<string, string | number>();
    for (const [value] of list) {
      const caseName = `Case_${nameFromLabel(String(value))}`;
      if (caseNames.has(caseName)) throw new BuildError("duplicate-case", `Switch '${label}' has two cases named '${caseName}' (values ${JSON.stringify(caseNames.get(caseName))} and ${JSON.stringify(value)}).`);
      caseNames.set(caseName, value);
    }
    const onValue: Input = asExpr(on);
    const caseMap: Record<string, Input> = {};
    for (const [caseName, value] of caseNames) caseMap[caseName] = { case: value };
    const node = this.container_(label, { type: "Switch", expression: onValue, cases: caseMap }, options);
    for (const [value, body] of list) this.fill(node, `case:Case_${nameFromLabel(String(value))}`, body);
    if (otherwise) this.fill(node, "default", otherwise);
    return handle(node);
  }

  /** Loop over an array. `concurrency` 1–50 (1 = one at a time); loops that write variables default to 1. */
  forEach<T>(
    label: string,
    items: ExprLike<readonly T[]>,
    body: (flow: Flow, item: Ref<T>) => void,
    options: StepOptions & { concurrency?: number } = {},
  ): StepHandle {
    const { concurrency, ...stepOptions } = options;
    if (concurrency !== undefined && (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 50)) {
      throw new BuildError("invalid-concurrency", `Foreach '${label}' concurrency must be an integer from 1 to 50, got ${concurrency}.`);
    }
    const node = this.container_(label, { type: "Foreach", foreach: items as Input }, stepOptions);
    const item = ref<T>(ast.call("items", ast.str(node.name)), [{ kind: "loop", step: node }]);
    const scope = node.addScope("actions");
    body(new Flow(this.state, scope), item);
    const writesVariables = node.descendants().some((s) => /Variable$/.test(s.spec.action.type) && s.spec.action.type !== "InitializeVariable");
    if (writesVariables && concurrency !== undefined && concurrency > 1) {
      throw new BuildError("parallel-loop-writes-variable", `Foreach '${label}' writes variables, so iterations must run one at a time; drop \`concurrency\` or set it to 1.`);
    }
    const repetitions = concurrency ?? (writesVariables ? 1 : undefined);
    if (repetitions !== undefined) {
      (node.spec.action as Record<string, Input>).runtimeConfiguration = {
        ...((node.spec.action as Record<string, Input>).runtimeConfiguration as object),
        concurrency: { repetitions },
      };
    }
    return handle(node);
  }

  /** Do-until loop: `body` adds the steps and returns the exit condition (checked after each pass). */
  until(label: string, body: (flow: Flow) => ExprLike<boolean> | DesignerCondition, options: StepOptions & { count?: number; timeout?: string } = {}): StepHandle {
    const { count = 60, timeout = "PT1H", ...stepOptions } = options;
    if (!Number.isInteger(count) || count < 1 || count > 5000) throw new BuildError("invalid-until-limit", `Until '${label}' count must be 1–5000, got ${count}.`);
    if (!ISO_DURATION.test(timeout)) {
      throw new BuildError("invalid-until-limit", `Until '${label}' timeout must be an ISO 8601 duration such as PT1H or P1D, got '${timeout}'.`);
    }
    const action: Record<string, Input> = { type: "Until", expression: null, limit: { count, timeout } };
    const node = this.container_(label, action as ActionSpec["action"], stepOptions);
    const scope = node.addScope("actions");
    const condition = body(new Flow(this.state, scope));
    (node.spec.action as Record<string, Input>).expression = conditionInput(condition);
    node.loopConditionDeps = depsOf(condition);
    return handle(node);
  }

  /**
   * Escape hatch: a container of any type with its JSON as given and its branches filled by the builder
   * (`actions`, `else`, `default`, `case:<name>` for `cases.<name>`). For imported If/Switch/Foreach/Until/Scope
   * actions whose shape the typed forms cannot give.
   */
  container(label: string, action: ActionSpec["action"], branches: ContainerBranches, options?: StepOptions): StepHandle {
    const node = this.container_(label, action, options);
    for (const [branch, body] of Object.entries(branches) as [string, (flow: Flow) => void][]) {
      if (branch.startsWith("case:")) {
        const cases = action.cases;
        const name = branch.slice("case:".length);
        const known = isExpr(cases) ? cases[EXPR].raw : cases;
        if (!known || typeof known !== "object" || !Object.hasOwn(known, name)) {
          throw new BuildError("unknown-case", `Container '${label}' fills case '${name}', which its \`cases\` does not declare.`, this.current.path);
        }
      } else if (branch !== "actions" && branch !== "else" && branch !== "default") {
        throw new BuildError("unknown-branch", `Container '${label}' has no branch '${branch}'; use actions, else, default or case:<name>.`, this.current.path);
      }
      this.fill(node, branch, body);
    }
    return handle(node);
  }

  /** Group steps; a following step with `on: ["Failed", "TimedOut"]` handles any failure inside. */
  scope(label: string, body: (flow: Flow) => void, options?: StepOptions): StepHandle {
    const node = this.container_(label, { type: "Scope" }, options);
    this.fill(node, "actions", body);
    return handle(node);
  }
}

/** An ISO 8601 duration (`PT1H`, `P1DT12H`, `PT0.5S`, `P2W`), the form the service takes for an Until timeout. */
const ISO_DURATION = /^P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;

/** Create the root flow of a build. @internal */
export function rootFlow(state: BuildState, root: ScopeNode): Flow {
  return new Flow(state, root);
}
