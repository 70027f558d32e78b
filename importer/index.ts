/**
 * `import`: existing playbooks (definitions, workflow resources, ARM templates, Power Automate flows, Standard
 * workflow.json files) → TypeScript playbook files that build back to the same definition. Each file is rebuilt
 * in memory and compared with its source; the report says whether the round trip is exact.
 *
 *   const result = importPlaybooks(["templates/"]);     // read, detect, emit, rebuild, compare
 *   result.files      // [{file: "isolate-machine.ts", text}]
 *   result.report     // the import-report.json object
 */
import * as path from "node:path";
import { isObject } from "../wdl/walk";
import type { Difference } from "./compare";
import type { LiftStats } from "./emit/context";
import { emitVerified } from "./verified";
import { liftConnections, liftDefinition, pulumiSnippet, type LiftedConnection } from "./lift";
import { playbookName, uniqueName } from "./names";
import { readSources, type SourceWorkflow } from "./source";

export { compareDefinitions, normalString, type Difference } from "./compare";
export { rebuild } from "./rebuild";
export { emitPlaybook, type PlaybookSource, type EmittedPlaybook, type EmitOptions } from "./emit/playbook";
export { emitVerified, type VerifiedEmit } from "./verified";
export type { LiftStats } from "./emit/context";
export { formatLifted, formatReportTable } from "./table";
export { liftConnections, liftDefinition, pulumiSnippet, type LiftedConnection, type LiftedValue } from "./lift";

/** One entry of `import-report.json`. */
export interface ImportedPlaybook {
  source: string;
  pointer: string;
  name: string;
  file: string;
  roundTrip: "exact" | "differs";
  typed: number;
  raw: number;
  lifted: string[];
  notes: string[];
}

/** `import-report.json`. */
export interface ImportReport {
  playbooks: ImportedPlaybook[];
}

/** A generated file: its name (relative to the output folder) and text. */
export interface GeneratedFile {
  file: string;
  text: string;
}

/** Per playbook, what the report does not hold: the round-trip differences and the ApiConnection counts. */
export interface ImportDetail {
  differences: Difference[];
  /** ApiConnection actions whose connector the kit declares, and how many of them became typed calls. */
  apiDeclared: number;
  apiTyped: number;
  /** With `lift`: the `Pulumi.<env>.yaml` lines that restore the lifted values (empty when none). */
  pulumiSnippet: string;
  /** With `lift`: the connections lifted out of `$connections` values (the stack wires its own). */
  liftedConnections: LiftedConnection[];
  /** Expressions and containers written as builder code vs kept raw. */
  stats: LiftStats;
  /** False when the file fell back to the unlifted form (every expression raw) to keep the round trip exact. */
  lifted: boolean;
}

/** The result of an import. */
export interface ImportResult {
  report: ImportReport;
  files: GeneratedFile[];
  details: ImportDetail[];
}

/** Options of `importPlaybooks`. */
export interface ImportOptions {
  /** Names already taken (existing playbooks); generated names avoid them. */
  taken?: Iterable<string>;
  /** Lift hard-coded environment values into definition parameters (`--lift`). */
  lift?: boolean;
}

/** Import one workflow found in a source file. */
function importOne(workflow: SourceWorkflow, taken: Set<string>, lift: boolean): { entry: ImportedPlaybook; file?: GeneratedFile; detail: ImportDetail } {
  const name = uniqueName(playbookName(workflow.workflowName, workflow.fallback), taken);
  const file = `${name}.ts`;
  const base = { source: workflow.source, pointer: workflow.pointer, name, file, lifted: [] as string[] };
  const notes = [...workflow.findings];
  if (workflow.arm) notes.unshift("ARM template expressions ([parameters(…)], [concat(…)]) are kept as written; deploy the generated definition through the template, or replace them with definition parameters (--lift).");
  const detail: ImportDetail = {
    differences: [],
    apiDeclared: 0,
    apiTyped: 0,
    pulumiSnippet: "",
    liftedConnections: [],
    stats: { exprLifted: 0, exprPartial: 0, exprRaw: 0, containersTyped: 0, containersRaw: 0 },
    lifted: false,
  };
  if (!isObject(workflow.definition)) {
    notes.unshift(`not imported: the definition is ${JSON.stringify(workflow.definition)?.slice(0, 80) ?? "missing"}, not an object written inline.`);
    return { entry: { ...base, roundTrip: "differs", typed: 0, raw: 0, notes }, detail };
  }
  const description = `Imported from ${path.basename(workflow.source)}${workflow.pointer ? ` (${workflow.pointer})` : ""}.`;
  // With --lift the expected definition is the lifted one: the round trip is checked against it.
  const { definition, lifted, connections } = lift ? liftDefinition(workflow.definition, workflow.arm) : { definition: workflow.definition, lifted: [], connections: [] };
  for (const l of lifted) {
    base.lifted.push(l.parameter);
    notes.push(`lifted ${JSON.stringify(l.value)} into parameter '${l.parameter}' (at ${l.pointers.map((p) => `${workflow.definitionPointer}${p}`).join(", ")})`);
  }
  const liftedConnections = lift
    ? [...connections.map((c) => ({ ...c, pointer: `${workflow.definitionPointer}${c.pointer}` })), ...liftConnections(workflow.connections, workflow.arm)]
    : [];
  detail.liftedConnections = liftedConnections;
  for (const c of liftedConnections) {
    const values = Object.entries(c.values).map(([k, v]) => `${k} ${JSON.stringify(v)}`).join(", ");
    notes.push(`lifted connection '${c.key}' (${values}) out of $connections (at ${c.pointer}): the stack wires the environment's own connection`);
  }
  if (lifted.length || liftedConnections.length) detail.pulumiSnippet = pulumiSnippet(name, lifted, liftedConnections);
  let verified;
  try {
    verified = emitVerified({ name, description, definition, apis: workflow.apis });
  } catch (error) {
    notes.unshift(`not imported: ${(error as Error).message}.`);
    return { entry: { ...base, roundTrip: "differs", typed: 0, raw: 0, notes }, detail };
  }
  const emitted = verified.emitted;
  detail.apiDeclared = emitted.context.apiDeclared;
  detail.apiTyped = emitted.context.apiTyped;
  detail.stats = { ...emitted.context.stats };
  detail.lifted = verified.lifted;
  detail.differences = verified.differences.map((d) => ({ ...d, pointer: `${workflow.definitionPointer}${d.pointer}` }));
  for (const d of detail.differences) notes.push(`round trip differs at ${d.pointer || "/"}: source ${d.source}, built ${d.built}`);
  const entry: ImportedPlaybook = {
    ...base,
    roundTrip: detail.differences.length === 0 ? "exact" : "differs",
    typed: emitted.context.typed,
    raw: emitted.context.raw,
    notes,
  };
  return { entry, file: { file, text: emitted.text }, detail };
}

/** Import every workflow of the given files and directories. Throws UserError for a path that cannot be read. */
export function importPlaybooks(paths: readonly string[], options: ImportOptions = {}): ImportResult {
  const taken = new Set(options.taken ?? []);
  const result: ImportResult = { report: { playbooks: [] }, files: [], details: [] };
  for (const workflow of readSources(paths)) {
    const { entry, file, detail } = importOne(workflow, taken, options.lift === true);
    result.report.playbooks.push(entry);
    if (file) result.files.push(file);
    result.details.push(detail);
  }
  return result;
}
