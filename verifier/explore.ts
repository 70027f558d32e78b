/**
 * One explored run: the parameters, the trigger body and every call's outcome come from the chooser, as the run
 * reaches them. Each call gets an outcome class (success with a body generated from the operation's output shape,
 * 400, 404, 429 answered through the retry policy, 500 on every attempt, timeout).
 */
import { findWebhookOperation, type Shape } from "../operations";
import { CallLog } from "./calls";
import { simulate, type Mock, type MockRequest, type MockResponse } from "../simulator";
import { connectionKeyOfInputs, isObject, walkActions } from "../wdl";
import { Chooser } from "./choices";
import { generateBody, type GenerateContext } from "./generate";
import { readsOf, type ReadSet } from "./reads";
import { OUTCOMES, outcomeClassesOf, type OutcomeClasses } from "./outcomes";
import type { Playbook } from "../playbooks/kit";
import type { ExploredCall, ExploredRun } from "./run";


export { OUTCOMES } from "./outcomes";

/** Everything that stays the same across the runs of one playbook. */
export interface Subject {
  readonly definition: Record<string, unknown>;
  readonly reads: ReadSet;
  readonly audit: boolean;
  readonly triggerShape: Shape | undefined;
  readonly hasTrigger: boolean;
  /** Actions inside a Foreach or Until (their choices are iteration choices). */
  readonly loopActions: ReadonlySet<string>;
  /** Parameter values that replace the definition's defaults (an environment's), if any. */
  readonly parameterValues?: Readonly<Record<string, unknown>>;
  /** The outcomes worth trying per call action (see outcomes.ts). */
  readonly outcomes: OutcomeClasses;
}

const SAMPLE_EXCLUDED = "domain-controller";
const ALL_OUTCOMES = OUTCOMES.map((_, i) => i);

/** The trigger's body shape, when its connector declares one. */
export function triggerShapeOf(definition: Record<string, unknown>): { shape?: Shape; needsBody: boolean } {
  const triggers = isObject(definition.triggers) ? Object.values(definition.triggers) : [];
  const t = triggers[0];
  if (!isObject(t) || typeof t.type !== "string" || t.type.toLowerCase() === "recurrence") return { needsBody: false };
  const inputs = isObject(t.inputs) ? t.inputs : {};
  const key = connectionKeyOfInputs(inputs);
  const op = key && typeof inputs.path === "string" ? findWebhookOperation(key.replace(/_\d+$/, ""), inputs.path) : undefined;
  return { shape: op?.output as Shape | undefined, needsBody: true };
}

function parameterChoices(subject: Subject, chooser: Chooser): { values: Record<string, unknown>; scenario: Record<string, unknown> } {
  const decls = isObject(subject.definition.parameters) ? subject.definition.parameters : {};
  const values: Record<string, unknown> = {};
  const scenario: Record<string, unknown> = {};
  for (const [name, declared] of Object.entries(decls)) {
    if (name === "$connections" || !isObject(declared)) continue;
    let d = declared;
    const ctx = subject.reads.parameters.get(name);
    const kind = ctx === "control" ? "control" : "data";
    // The environment's value, when given, stands in for the definition's default (and a replay must state it).
    const given = subject.parameterValues !== undefined && name in subject.parameterValues;
    if (given) d = { ...d, defaultValue: subject.parameterValues![name] };
    const has = "defaultValue" in d;
    const type = String(d.type).toLowerCase();
    let options: unknown[];
    if (Array.isArray(d.allowedValues)) options = [has ? d.defaultValue : d.allowedValues[0], ...d.allowedValues.filter((v) => JSON.stringify(v) !== JSON.stringify(d.defaultValue))];
    else if (type === "bool") options = has ? [d.defaultValue, !d.defaultValue] : [false, true];
    else if (name === "excludedTags" && type === "array") options = has && Array.isArray(d.defaultValue) && d.defaultValue.length ? [d.defaultValue] : [has ? d.defaultValue : [], [SAMPLE_EXCLUDED]];
    else options = [has ? d.defaultValue : type === "int" || type === "float" ? 1 : type === "array" ? [] : type === "object" || type === "secureobject" ? {} : "soc@contoso.com"];
    const i = ctx === undefined || options.length === 1 ? 0 : chooser.choose(`param:${name}`, options.map((o) => JSON.stringify(o)), kind);
    values[name] = options[i];
    if (!has || i !== 0 || given) scenario[name] = options[i];
  }
  return { values, scenario };
}

function errorBody(status: number): unknown {
  const code = status === 400 ? "BadRequest" : status === 404 ? "NotFound" : status === 429 ? "TooManyRequests" : "InternalServerError";
  return { error: { code, message: `Generated ${status} answer.` } };
}

/** Run once with the choices `chooser` makes. */
export function exploreRun(subject: Subject, chooser: Chooser): ExploredRun {
  chooser.loopActions = subject.loopActions;
  const { values, scenario } = parameterChoices(subject, chooser);
  const excludedTags = Array.isArray(values.excludedTags) ? (values.excludedTags as unknown[]) : undefined;
  const machineTags = new Map<string, unknown>();
  const gen = (source: string): GenerateContext => ({
    chooser,
    reads: subject.reads.sources.get(source),
    excludedTag: typeof excludedTags?.[0] === "string" ? (excludedTags[0] as string) : SAMPLE_EXCLUDED,
    machineTags,
  });
  const triggerBody = subject.hasTrigger ? generateBody(subject.triggerShape, "trigger", gen("trigger")) : undefined;
  const trigger = subject.hasTrigger ? { body: triggerBody ?? {} } : undefined;
  const log = new CallLog();
  const worldTags = new Map<string, unknown[]>();
  const plan = new Map<ExploredCall, { outcome: number; body: unknown; status: number }>();
  const answer = (req: MockRequest): MockResponse => {
    const { call, fresh, ordinal } = log.callOf(req);
    if (fresh) {
      const key = `${req.action}#${ordinal}`;
      const classes = subject.outcomes.get(req.action) ?? ALL_OUTCOMES;
      const outcome = classes[chooser.choose(`${key}:outcome`, classes.map((i) => OUTCOMES[i]!), "control")]!;
      const body = outcome === 0 || outcome === 3 ? generateBody(call.operation?.output as Shape | undefined, key, gen(req.action)) : undefined;
      if (call.operation?.destructive && excludedTags?.length) {
        // The world: a targeted machine has tags whether or not the playbook looked at them.
        for (const id of Object.values(call.target)) {
          if (machineTags.has(id)) continue;
          const i = chooser.choose(`world:machine:${id}:tags`, ["untagged", "excluded"], "control");
          const tags = i ? [excludedTags[0]] : [];
          machineTags.set(id, tags);
          if (i) worldTags.set(id, tags);
        }
      }
      plan.set(call, { outcome, body, status: call.operation?.successStatus ?? 200 });
    }
    const { outcome, body, status } = plan.get(call)!;
    let response: MockResponse;
    if (outcome === 0 || (outcome === 3 && req.attempt > 0)) response = body === undefined ? { status } : { status, body };
    else if (outcome === 3) response = { status: 429, body: errorBody(429) };
    else if (outcome === 5) response = { status: 504, timedOut: true };
    else {
      const s = outcome === 1 ? 400 : outcome === 2 ? 404 : 500;
      response = { status: s, body: errorBody(s) };
    }
    log.answered(call, response);
    return response;
  };
  const mocks: Mock[] = [
    { connector: "*", response: answer },
    { http: {}, response: answer },
  ];
  const record = simulate(subject.definition, { ...(trigger ? { trigger } : {}), mocks, parameters: values });
  return { record, calls: log.calls, trail: chooser.trail, trigger, params: values, scenarioParams: scenario, machineTags, worldTags, excludedTags, audit: subject.audit, definition: subject.definition };
}

/** The actions nested in a Foreach or Until. */
function loopActionsOf(definition: Record<string, unknown>): Set<string> {
  const out = new Set<string>();
  walkActions(definition.actions, "/actions", (v) => {
    for (let p = v.parent; p; p = p.parent) {
      const type = typeof p.action.type === "string" ? p.action.type.toLowerCase() : "";
      if (type === "foreach" || type === "until") {
        out.add(v.name);
        return;
      }
    }
  });
  return out;
}

/** The subject of a playbook (its definition, reads and mode) or of a bare definition. */
export function subjectOf(target: Playbook | Record<string, unknown>): { name: string; subject: Subject } {
  const isPlaybook = typeof (target as Playbook).render === "function" && isObject((target as Playbook).definition);
  const definition = (isPlaybook ? (target as Playbook).definition : target) as unknown as Record<string, unknown>;
  const t = triggerShapeOf(definition);
  const reads = readsOf(definition);
  return {
    name: isPlaybook ? (target as Playbook).name : "definition",
    subject: { definition, reads, loopActions: loopActionsOf(definition), outcomes: outcomeClassesOf(definition, reads), audit: isPlaybook && (target as Playbook).mode === "audit", triggerShape: t.shape, hasTrigger: t.needsBody },
  };
}

