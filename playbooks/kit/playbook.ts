/**
 * `definePlaybook`: runs an author's build function, checks the finished graph and renders the definition
 * deterministically. Every error names the step(s) concerned.
 */
import { canonicalPermission, permissionKey, withoutImpliedRoles } from "../../operations";
import { ast, WORKFLOW_SCHEMA, type Json, type JsonObject, type ParameterDeclaration, type WorkflowDefinition } from "../../wdl";
import { PLAYBOOK_MODES, type PlaybookMode } from "./audit";
import { BuildError } from "./errors";
import { depsOf, ref, type Ref } from "./expr";
import { rootFlow, type ActionOutputs, type BuildState, type Flow } from "./flow";
import { checkStepDeps, ScopeNode, type StepNode } from "./graph";
import { nameFromLabel } from "./names";
import { MANAGED_IDENTITY_PARAMETER, type Permission, type TriggerSpec } from "./operation";
import { declareParameter, type ParamSpecs, type ParamValue } from "./params";
import { checkProperties, type PlaybookProperty } from "./properties";
import { orderAction, orderTrigger, renderInput, toCanonicalJson } from "./render";
import { secureSecretReaders } from "./secrets";
import { firstAuthorFrame } from "./site";

/** The trigger as seen from steps: `body` is `triggerBody()`, typed. */
export interface TriggerHandle<Out> {
  readonly name: string;
  readonly body: Ref<Out>;
  readonly outputs: Ref<Omit<ActionOutputs<Out>, "statusCode">>;
}

/** Parameter values as typed expressions (`parameters('name')`). */
export type ParamRefs<P> = { readonly [K in keyof P]: Ref<ParamValue<P[K]>> };

/** What an author writes. */
export interface PlaybookSpec<P extends ParamSpecs, TOut> {
  /** Kebab-case name; also the file name (`<name>.definition.json`). */
  name: string;
  /** One or two sentences for the manifest, ARM metadata and the README. */
  description: string;
  parameters?: P;
  /** The trigger, or a function of the parameters that returns it (for schedules read from parameters). */
  trigger: TriggerSpec<TOut> | ((params: ParamRefs<P>) => TriggerSpec<TOut>);
  /** Trigger label; defaults to the trigger's designer title. */
  triggerLabel?: string;
  /** The trigger's name exactly as given instead of the one derived from the label (imported definitions). */
  triggerName?: string;
  /**
   * Escape hatch for imported definitions: top-level members rendered exactly as given over the kit's own
   * (`$schema`, `contentVersion`, `outputs`, `staticResults`, …); `null` leaves a member out. `parameters` holds
   * raw parameter declarations added to those the kit renders (their names count as declared).
   */
  definition?: Readonly<Record<string, Json | null>> & { readonly parameters?: Readonly<Record<string, Json>> | null };
  /**
   * Add the steps. `mode` is the mode the playbook is being built in (`withMode`): destructive steps become
   * audit records by themselves in `audit`; read it only to say different things, e.g. "would isolate".
   */
  build(context: { flow: Flow; params: ParamRefs<P>; trigger: TriggerHandle<TOut>; mode: PlaybookMode }): void;
  /**
   * Guard rails `playbook-kit verify` checks on every explored run beside the built-in properties
   * (`never(defender.isolateMachine, when(params.isolationType, "Full"))`, see properties.ts); a function receives
   * the parameters and the trigger to compare with.
   */
  properties?: readonly PlaybookProperty[] | ((context: { params: ParamRefs<P>; trigger: TriggerHandle<TOut> }) => readonly PlaybookProperty[]);
}

/** A built playbook. */
export interface Playbook {
  readonly name: string;
  readonly description: string;
  readonly definition: WorkflowDefinition;
  /** Managed APIs used through `$connections`, sorted. */
  readonly connectors: readonly string[];
  /** Union of the permissions its steps declare, sorted. */
  readonly declaredPermissions: readonly Permission[];
  /** Names of steps that change device or alert state (none in `audit` mode). */
  readonly destructiveSteps: readonly string[];
  /** The mode it was built in: `enforce` (`definePlaybook`'s default) or `audit` (see `withMode`). */
  readonly mode: PlaybookMode;
  /** Names of the steps that audit mode rendered as audit records (empty in `enforce` mode). */
  readonly auditedSteps: readonly string[];
  /** Number of actions, nested ones included. */
  readonly actionCount: number;
  /** Definition parameter names, in declaration order. */
  readonly parameterNames: readonly string[];
  /** Canonical JSON text: two-space indent, final newline. */
  render(): string;
  /** The author's properties (`PlaybookSpec.properties`) that verify checks; not enumerable. */
  readonly properties?: readonly PlaybookProperty[];
}

/** Parameters the kit declares itself when steps use them. */
const IMPLICIT_PARAMETERS: Record<string, ParameterDeclaration> = {
  $connections: { type: "Object", defaultValue: {} },
  [MANAGED_IDENTITY_PARAMETER]: {
    type: "String",
    defaultValue: "SystemAssigned",
    metadata: { description: "Identity for managed-identity Http calls: SystemAssigned, or the resource id of the user-assigned identity." },
  },
};

const PLAYBOOK_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const MAX_ACTIONS = 500;
const MAX_DEPTH = 8;

function renderScope(scope: ScopeNode): JsonObject {
  const out: JsonObject = {};
  for (const step of scope.steps) out[step.name] = renderStep(step);
  return out;
}

function renderStep(step: StepNode): JsonObject {
  const action = renderInput(step.spec.action, step.path) as JsonObject;
  for (const child of step.children) {
    const actions = renderScope(child);
    if (child.branch === "actions") action.actions = actions;
    else if (child.branch === "else") action.else = { actions };
    else if (child.branch === "default") action.default = { actions };
    else (action.cases as Record<string, JsonObject>)[child.branch.slice("case:".length)]!.actions = actions;
  }
  if (step.rawRunAfter !== undefined) {
    if (step.rawRunAfter !== false) action.runAfter = structuredClone(step.rawRunAfter) as JsonObject;
    return orderAction(action);
  }
  const runAfter: JsonObject = {};
  for (const r of step.runAfter) runAfter[r.step.name] = [...r.statuses];
  action.runAfter = runAfter;
  return orderAction(action);
}

/** Sort and de-duplicate permissions (app roles and Azure roles), dropping a Sentinel role a stronger one covers. */
export function uniquePermissions(list: readonly Permission[]): Permission[] {
  const map = new Map<string, Permission>();
  for (const p of list) map.set(permissionKey(p), canonicalPermission(p));
  return withoutImpliedRoles([...map.keys()].sort().map((k) => map.get(k)!));
}

/** Where a kit-built playbook keeps what it was built from, so `withMode` can build it again. */
const SOURCE: unique symbol = Symbol("playbook-kit.playbook-source");

/** Build a playbook (in `enforce` mode). Throws `BuildError` naming the step(s) at fault. */
export function definePlaybook<P extends ParamSpecs = {}, TOut = unknown>(spec: PlaybookSpec<P, TOut>): Playbook {
  return buildPlaybook(spec as unknown as PlaybookSpec<ParamSpecs, unknown>, "enforce");
}

/**
 * The playbook built in another mode. In `audit` every destructive step (by its operation's declaration or the
 * catalogue's routes) is rendered as an audit record: a Compose of the same name that records the call it would
 * have made; the permissions and connections only those steps needed drop out. `enforce` renders everything.
 */
export function withMode(playbook: Playbook, mode: PlaybookMode): Playbook {
  if (!(PLAYBOOK_MODES as readonly string[]).includes(mode)) {
    throw new BuildError("invalid-mode", `Mode '${String(mode)}' is not a playbook mode; use ${PLAYBOOK_MODES.join(" or ")}.`);
  }
  if (playbook.mode === mode) return playbook;
  const source = (playbook as Playbook & { [SOURCE]?: PlaybookSpec<ParamSpecs, unknown> })[SOURCE];
  if (!source) throw new BuildError("not-a-kit-playbook", `withMode needs a playbook built with definePlaybook(...); '${playbook.name}' was not.`);
  return buildPlaybook(source, mode);
}

/**
 * Build, naming the author's `file:line:col` in a `BuildError`. An error thrown while the build function runs
 * carries it in its own stack; one the graph checks find afterwards is located by building once more with call
 * sites recorded, so a build that succeeds never pays for recording them.
 */
function buildPlaybook(spec: PlaybookSpec<ParamSpecs, unknown>, mode: PlaybookMode): Playbook {
  try {
    return buildOnce(spec, mode, false);
  } catch (error) {
    if (!(error instanceof BuildError) || error.location || !error.path) throw error;
    let located: unknown;
    try {
      buildOnce(spec, mode, true);
    } catch (again) {
      located = again;
    }
    throw located instanceof BuildError && located.code === error.code && located.location ? located : error;
  }
}

function buildOnce(spec: PlaybookSpec<ParamSpecs, unknown>, mode: PlaybookMode, captureSites: boolean): Playbook {
  if (!PLAYBOOK_NAME.test(spec.name)) {
    throw new BuildError("invalid-playbook-name", `Playbook name '${spec.name}' must be kebab-case (lower-case letters, digits and single dashes).`);
  }
  const userParams = spec.parameters ?? {};
  const params = {} as Record<string, Ref<unknown>>;
  for (const name of Object.keys(userParams)) {
    if (name in IMPLICIT_PARAMETERS) throw new BuildError("reserved-parameter-name", `Parameter name '${name}' is reserved by the kit.`);
    params[name] = ref(ast.call("parameters", ast.str(name)), [{ kind: "param", name }]);
  }
  const triggerSpec = typeof spec.trigger === "function" ? spec.trigger(params as ParamRefs<ParamSpecs>) : spec.trigger;
  const triggerName = spec.triggerName ?? nameFromLabel(spec.triggerLabel ?? triggerSpec.title);
  const rawParameters = spec.definition?.parameters ?? {};
  const state: BuildState = { names: new Map([[triggerName, `${triggerName} (trigger)`]]), steps: [], triggerType: triggerSpec.trigger.type, mode, captureSites };
  const root = new ScopeNode(undefined, "actions");
  const triggerDep = [{ kind: "trigger" as const }];
  const trigger: TriggerHandle<unknown> = {
    name: triggerName,
    body: ref<unknown>(ast.call("triggerBody"), triggerDep),
    outputs: ref(ast.call("triggerOutputs"), triggerDep),
  };

  try {
    spec.build({ flow: rootFlow(state, root), params: params as ParamRefs<ParamSpecs>, trigger, mode });
  } catch (error) {
    const here = error instanceof BuildError && !error.location ? firstAuthorFrame(error.stack ?? "") : undefined;
    throw here ? (error as BuildError).at(here) : error;
  }

  // Which implicit parameters are used, then check every step against the declared set.
  const used = new Set<string>();
  for (const dep of [...depsOf(triggerSpec.trigger), ...state.steps.flatMap((s) => [...s.deps, ...s.loopConditionDeps])]) {
    if (dep.kind === "param") used.add(dep.name);
  }
  const declared = new Set([...Object.keys(userParams), ...Object.keys(rawParameters), ...Object.keys(IMPLICIT_PARAMETERS).filter((n) => used.has(n))]);
  for (const name of used) {
    if (!declared.has(name)) throw new BuildError("undeclared-parameter", `The trigger reads parameter '${name}', which the playbook does not declare.`);
  }
  for (const step of state.steps) checkStepDeps(step, declared);
  const secureParams = new Set(Object.entries(userParams).filter(([, p]) => p.type === "SecureString" || p.type === "SecureObject").map(([name]) => name));
  secureSecretReaders(state.steps, secureParams);

  if (state.steps.length > MAX_ACTIONS) throw new BuildError("too-many-actions", `The playbook has ${state.steps.length} actions; the service allows ${MAX_ACTIONS}.`);
  for (const step of state.steps) {
    const depth = [...step.enclosing()].length;
    if (depth >= MAX_DEPTH) {
      throw new BuildError("nesting-too-deep", `'${step.label}' is nested ${depth + 1} levels deep; the service allows ${MAX_DEPTH}.`, step.path, step.site?.location);
    }
  }

  const parameters: Record<string, ParameterDeclaration> = {};
  if (declared.has("$connections")) parameters.$connections = IMPLICIT_PARAMETERS.$connections!;
  for (const [name, p] of Object.entries(userParams)) parameters[name] = declareParameter(name, p);
  if (declared.has(MANAGED_IDENTITY_PARAMETER)) parameters[MANAGED_IDENTITY_PARAMETER] = IMPLICIT_PARAMETERS[MANAGED_IDENTITY_PARAMETER]!;
  for (const [name, p] of Object.entries(rawParameters)) parameters[name] = structuredClone(p) as unknown as ParameterDeclaration;

  const members: Record<string, unknown> = {
    $schema: WORKFLOW_SCHEMA,
    contentVersion: "1.0.0.0",
    parameters,
    triggers: { [triggerName]: orderTrigger(renderInput(triggerSpec.trigger, triggerName) as JsonObject) },
    actions: renderScope(root),
    outputs: {},
  };
  for (const [key, value] of Object.entries(spec.definition ?? {})) {
    if (key === "parameters" && value !== null) continue;
    if (key === "triggers" || key === "actions") throw new BuildError("definition-member-reserved", `definition.${key} is built from the trigger and the steps; it cannot be given as a raw member.`);
    if (value === null) delete members[key];
    else members[key] = structuredClone(value);
  }
  const definition = members as unknown as WorkflowDefinition;

  const connectors = [...new Set([...triggerSpec.connectors, ...state.steps.flatMap((s) => s.spec.connectors)])].sort();
  const declaredPermissions = uniquePermissions([...triggerSpec.permissions, ...state.steps.flatMap((s) => s.spec.permissions)]);
  let text: string | undefined;
  const playbook: Playbook = {
    name: spec.name,
    description: spec.description,
    definition,
    connectors,
    declaredPermissions,
    destructiveSteps: state.steps.filter((s) => s.spec.destructive).map((s) => s.name),
    mode,
    auditedSteps: state.steps.filter((s) => s.audited).map((s) => s.name),
    actionCount: state.steps.length,
    parameterNames: Object.keys(parameters),
    render: () => (text ??= toCanonicalJson(definition)),
  };
  const authorProperties = typeof spec.properties === "function" ? spec.properties({ params: params as ParamRefs<ParamSpecs>, trigger }) : (spec.properties ?? []);
  // Not enumerable: a playbook stays a plain record for comparisons and spreads.
  Object.defineProperty(playbook, SOURCE, { value: spec });
  Object.defineProperty(playbook, "properties", { value: checkProperties(authorProperties) });
  return playbook;
}
