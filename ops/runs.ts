/**
 * `runs`: recent runs of workflows with status, start, duration, and for a failed run the failing action and its
 * error, read from the run's actions. Pages are followed through `nextLink` until `top` runs per workflow are read.
 */
import type { LogicManagementClient, WorkflowRun, WorkflowRunAction } from "@azure/arm-logic";
import { isObject } from "../wdl/walk";
import { limitsOf } from "./client";
import { explainAzureError, isResourceNotFound, AzureOperationError } from "./errors";
import { collectPages } from "./paging";
import { textLines } from "../errors";

/** An action's error as reported. */
export interface ActionFailure {
  action: string;
  status: string;
  code?: string;
  message?: string;
}

/** One run. */
export interface RunSummary {
  name: string;
  status: string;
  /** ISO 8601. */
  startTime?: string;
  endTime?: string;
  /** Seconds, when the run has ended. */
  durationSeconds?: number;
  /** The run's own error (e.g. a Terminate's code and message). */
  error?: { code?: string; message?: string };
  /** The action that failed first (the root cause, not the scopes that failed because of it). */
  failedAction?: ActionFailure;
  /** Other failed actions, in the order they ended. */
  otherFailedActions?: string[];
}

/** Runs of one workflow. */
export interface WorkflowRuns {
  workflow: string;
  runs: RunSummary[];
}

const FAILED = new Set(["failed", "timedout", "aborted"]);
/** Codes with which containers (If, Scope, Foreach, …) fail because an action inside them failed. */
const PROPAGATED = new Set(["actionfailed", "actionsfailed", "actionbranchingconditionfailed"]);

function iso(value: unknown): string | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
  return typeof value === "string" ? value : undefined;
}

function errorOf(value: unknown, fallbackCode?: string): { code?: string; message?: string } | undefined {
  if (isObject(value)) {
    const out: { code?: string; message?: string } = {};
    const code = typeof value.code === "string" ? value.code : fallbackCode;
    if (code) out.code = code;
    if (typeof value.message === "string") out.message = value.message;
    return Object.keys(out).length ? out : undefined;
  }
  if (typeof value === "string" && value) return { ...(fallbackCode ? { code: fallbackCode } : {}), message: value };
  return fallbackCode ? { code: fallbackCode } : undefined;
}

/** Pick the root-cause failed action: not a propagated container failure, earliest end, then name. */
export function failingAction(actions: readonly WorkflowRunAction[]): { failed?: ActionFailure; others: string[] } {
  const failed = actions.filter((a) => typeof a.status === "string" && FAILED.has(a.status.toLowerCase()));
  if (!failed.length) return { others: [] };
  const time = (a: WorkflowRunAction) => (a.endTime instanceof Date ? a.endTime.getTime() : a.startTime instanceof Date ? a.startTime.getTime() : Number.MAX_SAFE_INTEGER);
  const propagated = (a: WorkflowRunAction) => PROPAGATED.has((a.code ?? (isObject(a.error) && typeof a.error.code === "string" ? a.error.code : "")).toLowerCase());
  const sorted = [...failed].sort((a, b) => Number(propagated(a)) - Number(propagated(b)) || time(a) - time(b) || String(a.name).localeCompare(String(b.name)));
  const first = sorted[0]!;
  const err = errorOf(first.error, first.code);
  const failure: ActionFailure = { action: first.name ?? "(unnamed)", status: first.status ?? "Failed" };
  if (err?.code) failure.code = err.code;
  if (err?.message) failure.message = err.message;
  const others = failed
    .filter((a) => a !== first)
    .sort((a, b) => time(a) - time(b) || String(a.name).localeCompare(String(b.name)))
    .map((a) => a.name ?? "(unnamed)");
  return { failed: failure, others };
}

function summarize(run: WorkflowRun): RunSummary {
  const summary: RunSummary = { name: run.name ?? "(unnamed)", status: run.status ?? "Unknown" };
  const start = iso(run.startTime);
  const end = iso(run.endTime);
  if (start) summary.startTime = start;
  if (end) summary.endTime = end;
  if (start && end) summary.durationSeconds = Math.max(0, (Date.parse(end) - Date.parse(start)) / 1000);
  const err = errorOf(run.error, run.code && FAILED.has((run.status ?? "").toLowerCase()) ? run.code : undefined);
  if (err && FAILED.has(summary.status.toLowerCase())) summary.error = err;
  return summary;
}

/** Recent runs (newest first, as the service lists them) of each workflow, with the failing action of failed runs. */
export async function listRuns(
  client: LogicManagementClient,
  resourceGroup: string,
  workflows: readonly string[],
  top: number,
  endpoint: string,
): Promise<WorkflowRuns[]> {
  const out: WorkflowRuns[] = [];
  for (const workflow of workflows) {
    let runs: RunSummary[];
    try {
      runs = (await collectPages(client.workflowRuns.list(resourceGroup, workflow, { top }).byPage(), limitsOf(client), `the runs of ${workflow}`, top)).map(summarize);
    } catch (error) {
      if (isResourceNotFound(error)) throw new AzureOperationError(`workflow '${workflow}' does not exist in resource group '${resourceGroup}'.`);
      throw explainAzureError(error, `listing the runs of ${workflow}`, endpoint);
    }
    for (const run of runs) {
      if (!FAILED.has(run.status.toLowerCase())) continue;
      let actions: WorkflowRunAction[];
      try {
        actions = await collectPages(client.workflowRunActions.list(resourceGroup, workflow, run.name).byPage(), limitsOf(client), `the actions of run ${run.name} of ${workflow}`);
      } catch (error) {
        throw explainAzureError(error, `listing the actions of run ${run.name} of ${workflow}`, endpoint);
      }
      const { failed, others } = failingAction(actions);
      if (failed) run.failedAction = failed;
      if (others.length) run.otherFailedActions = others;
    }
    out.push({ workflow, runs });
  }
  return out;
}

/** Every workflow in a resource group, sorted by name. */
export async function workflowNames(client: LogicManagementClient, resourceGroup: string, endpoint: string): Promise<string[]> {
  const names: string[] = [];
  try {
    for (const w of await collectPages(client.workflows.listByResourceGroup(resourceGroup).byPage(), limitsOf(client), `the workflows of resource group ${resourceGroup}`)) if (w.name) names.push(w.name);
  } catch (error) {
    throw explainAzureError(error, `listing the workflows of resource group ${resourceGroup}`, endpoint);
  }
  return names.sort();
}

function duration(seconds: number | undefined): string {
  if (seconds === undefined) return "running";
  if (seconds < 60) return `${seconds.toFixed(1)}s`;
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds - m * 60);
  if (m < 60) return `${m}m${String(s).padStart(2, "0")}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, "0")}m`;
}

function oneLine(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 3)}...` : flat;
}

/** Text report. */
export function formatRunsText(result: readonly WorkflowRuns[]): string {
  const lines: string[] = [];
  for (const w of result) {
    lines.push(`${w.workflow}: ${w.runs.length ? `${w.runs.length} recent run(s)` : "no runs"}`);
    const nameWidth = Math.max(...w.runs.map((r) => r.name.length), 4);
    const statusWidth = Math.max(...w.runs.map((r) => r.status.length), 6);
    for (const r of w.runs) {
      lines.push(`  ${r.name.padEnd(nameWidth)}  ${r.status.padEnd(statusWidth)}  ${(r.startTime ?? "-").padEnd(24)}  ${duration(r.durationSeconds)}`);
      if (r.failedAction) {
        const f = r.failedAction;
        const detail = [f.code, f.message ? oneLine(f.message) : undefined].filter(Boolean).join(": ");
        lines.push(`      failed at ${f.action} (${f.status})${detail ? `: ${detail}` : ""}`);
      }
      if (r.otherFailedActions?.length) lines.push(`      also failed: ${r.otherFailedActions.join(", ")}`);
      if (r.error && (!r.failedAction || r.error.code !== r.failedAction.code)) {
        lines.push(`      run error: ${[r.error.code, r.error.message ? oneLine(r.error.message) : undefined].filter(Boolean).join(": ")}`);
      }
    }
  }
  return textLines(lines);
}
