/**
 * Replay a counterexample the way `simulate --trigger/--mocks/--params` runs it, and judge the run with the same
 * properties: the scenario's mocks are read as a mock file (validated by `parseMockFile`), each answers exactly
 * as the simulator would (reply n for its n-th call, the last one repeating), and every answer is logged as
 * exploration logs it. Machine tags come from the machine objects the mocks' bodies hold.
 */
import type { Playbook } from "../playbooks/kit";
import { parseMockFile, simulate, type Mock, type MockRequest, type MockResponse, type RunRecord } from "../simulator";
import { isObject } from "../wdl";
import { CallLog } from "./calls";
import { subjectOf } from "./explore";
import { BUILTIN_PROPERTIES } from "./properties";
import { authorProperties } from "./properties/author";
import type { ExploredRun, Finding, Property } from "./run";

/** A counterexample in the formats `simulate --trigger/--mocks/--params` read. */
export interface Scenario {
  trigger?: { body?: unknown };
  mocks: unknown[];
  params: Record<string, unknown>;
}

/** What a replay found: the run record and each property's finding on it. */
export interface ReplayResult {
  readonly record: RunRecord;
  readonly findings: { property: string; finding: Finding }[];
  /** The property codes the replayed run violates. */
  readonly codes: string[];
}

/** Machine id → tags, from every object with a string `id` and a `machineTags` field in the mocks' bodies. */
function tagsInMocks(mocks: readonly unknown[]): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (isObject(v)) {
      if (typeof v.id === "string" && "machineTags" in v) out.set(v.id, v.machineTags);
      Object.values(v).forEach(visit);
    }
  };
  for (const m of mocks) if (isObject(m)) visit([m.response, m.responses]);
  return out;
}

/** Run `scenario` as simulate would and check the built-in properties, the playbook's own and `properties` on it. */
export function replay(target: Playbook | Record<string, unknown>, scenario: Scenario, options: { properties?: readonly Property[] } = {}): ReplayResult {
  const { subject } = subjectOf(target);
  // Through JSON, as a file would carry it.
  const data = JSON.parse(JSON.stringify(scenario)) as Scenario;
  const fileMocks = parseMockFile(data.mocks);
  const log = new CallLog();
  const mocks = fileMocks.map((m): Mock => {
    const { response, responses, ...match } = m as Mock & { response?: MockResponse; responses?: MockResponse[] };
    const replies = responses ?? [response!];
    return {
      ...match,
      response: (req: MockRequest) => {
        const reply = replies[Math.min(req.callIndex, replies.length - 1)]!;
        log.answered(log.callOf(req).call, reply);
        return reply;
      },
    } as Mock;
  });
  const params = data.params ?? {};
  const record = simulate(subject.definition, { ...(data.trigger ? { trigger: data.trigger } : {}), mocks, parameters: params });
  const decls = isObject(subject.definition.parameters) ? subject.definition.parameters : {};
  const excluded = isObject(decls.excludedTags) ? (params.excludedTags ?? decls.excludedTags.defaultValue) : undefined;
  const run: ExploredRun = {
    record,
    calls: log.calls,
    trail: [],
    trigger: data.trigger,
    params,
    scenarioParams: params,
    machineTags: tagsInMocks(data.mocks),
    worldTags: new Map(),
    excludedTags: Array.isArray(excluded) ? excluded : undefined,
    audit: subject.audit,
    definition: subject.definition,
  };
  const findings: { property: string; finding: Finding }[] = [];
  for (const p of [...BUILTIN_PROPERTIES, ...authorProperties(target), ...(options.properties ?? [])]) {
    const finding = p.check(run);
    if (finding) findings.push({ property: p.code, finding });
  }
  return { record, findings, codes: findings.map((f) => f.property) };
}
