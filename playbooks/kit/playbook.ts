/**
 * `definePlaybook`: runs an author's build function, checks the finished graph and renders the definition
 * deterministically. Every error names the step(s) concerned.
 */
import { ast, WORKFLOW_SCHEMA, type JsonObject, type ParameterDeclaration, type WorkflowDefinition } from "../../wdl";
import { BuildError } from "./errors";
import { depsOf, ref, type Ref } from "./expr";
import { rootFlow, type ActionOutputs, type BuildState, type Flow } from "./flow";
import { checkStepDeps, ScopeNode, type StepNode } from "./graph";
import { nameFromLabel } from "./names";
import { MANAGED_IDENTITY_PARAMETER, type Permission, type TriggerSpec } from "./operation";
import { declareParameter, type ParamSpecs, type ParamValue } from "./params";
import { orderAction, orderTrigger, renderInput, toCanonicalJson } from "./render";

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
  /** Add the steps. */
  build(context: { flow: Flow; params: ParamRefs<P>; trigger: TriggerHandle<TOut> }): void;
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
  /** Names of steps that change device or alert state. */
  readonly destructiveSteps: readonly string[];
  /** Number of actions, nested ones included. */
  readonly actionCount: number;
  /** Definition parameter names, in declaration order. */
  readonly parameterNames: readonly string[];
  /** Canonical JSON text: two-space indent, final newline. */
  render(): string;
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
  const runAfter: JsonObject = {};
  for (const r of step.runAfter) runAfter[r.step.name] = [...r.statuses];
  action.runAfter = runAfter;
  return orderAction(action);
}

function permissionKey(p: Permission): string {
  return `${p.resource}/${p.role}`;
}

/** Sort and de-duplicate permissions. */
export function uniquePermissions(list: readonly Permission[]): Permission[] {
  const map = new Map<string, Permission>();
  for (const p of list) map.set(permissionKey(p), { resource: p.resource, role: p.role });
  return [...map.keys()].sort().map((k) => map.get(k)!);
}

/** Build a playbook. Throws `BuildError` naming the step(s) at fault. */
export function definePlaybook<P extends ParamSpecs = {}, TOut = unknown>(spec: PlaybookSpec<P, TOut>): Playbook {
  if (!PLAYBOOK_NAME.test(spec.name)) {
    throw new BuildError("invalid-playbook-name", `Playbook name '${spec.name}' must be kebab-case (lower-case letters, digits and single dashes).`);
  }
  const userParams = spec.parameters ?? ({} as P);
  const params = {} as Record<string, Ref<unknown>>;
  for (const name of Object.keys(userParams)) {
    if (name in IMPLICIT_PARAMETERS) throw new BuildError("reserved-parameter-name", `Parameter name '${name}' is reserved by the kit.`);
    params[name] = ref(ast.call("parameters", ast.str(name)), [{ kind: "param", name }]);
  }
  const triggerSpec = typeof spec.trigger === "function" ? spec.trigger(params as ParamRefs<P>) : spec.trigger;
  const triggerName = nameFromLabel(spec.triggerLabel ?? triggerSpec.title);
  const state: BuildState = { names: new Map([[triggerName, `${triggerName} (trigger)`]]), steps: [], triggerType: triggerSpec.trigger.type };
  const root = new ScopeNode(undefined, "actions");
  const triggerDep = [{ kind: "trigger" as const }];
  const trigger: TriggerHandle<TOut> = {
    name: triggerName,
    body: ref<TOut>(ast.call("triggerBody"), triggerDep),
    outputs: ref(ast.call("triggerOutputs"), triggerDep),
  };

  spec.build({ flow: rootFlow(state, root), params: params as ParamRefs<P>, trigger });

  // Which implicit parameters are used, then check every step against the declared set.
  const used = new Set<string>();
  for (const dep of [...depsOf(triggerSpec.trigger), ...state.steps.flatMap((s) => [...s.deps, ...s.loopConditionDeps])]) {
    if (dep.kind === "param") used.add(dep.name);
  }
  const declared = new Set([...Object.keys(userParams), ...Object.keys(IMPLICIT_PARAMETERS).filter((n) => used.has(n))]);
  for (const name of used) {
    if (!declared.has(name)) throw new BuildError("undeclared-parameter", `The trigger reads parameter '${name}', which the playbook does not declare.`);
  }
  for (const step of state.steps) checkStepDeps(step, declared);

  if (state.steps.length > MAX_ACTIONS) throw new BuildError("too-many-actions", `The playbook has ${state.steps.length} actions; the service allows ${MAX_ACTIONS}.`);
  for (const step of state.steps) {
    const depth = [...step.enclosing()].length;
    if (depth >= MAX_DEPTH) {
      throw new BuildError("nesting-too-deep", `'${step.label}' is nested ${depth + 1} levels deep; the service allows ${MAX_DEPTH}.`, step.path);
    }
  }

  const parameters: Record<string, ParameterDeclaration> = {};
  if (declared.has("$connections")) parameters.$connections = IMPLICIT_PARAMETERS.$connections!;
  for (const [name, p] of Object.entries(userParams)) parameters[name] = declareParameter(name, p);
  if (declared.has(MANAGED_IDENTITY_PARAMETER)) parameters[MANAGED_IDENTITY_PARAMETER] = IMPLICIT_PARAMETERS[MANAGED_IDENTITY_PARAMETER]!;

  const definition = {
    $schema: WORKFLOW_SCHEMA,
    contentVersion: "1.0.0.0",
    parameters,
    triggers: { [triggerName]: orderTrigger(renderInput(triggerSpec.trigger, triggerName) as JsonObject) },
    actions: renderScope(root),
    outputs: {},
  } as unknown as WorkflowDefinition;

  const connectors = [...new Set([...triggerSpec.connectors, ...state.steps.flatMap((s) => s.spec.connectors)])].sort();
  const declaredPermissions = uniquePermissions([...triggerSpec.permissions, ...state.steps.flatMap((s) => s.spec.permissions)]);
  let text: string | undefined;
  return {
    name: spec.name,
    description: spec.description,
    definition,
    connectors,
    declaredPermissions,
    destructiveSteps: state.steps.filter((s) => s.spec.destructive).map((s) => s.name),
    actionCount: state.steps.length,
    parameterNames: Object.keys(parameters),
    render: () => (text ??= toCanonicalJson(definition)),
  };
}
