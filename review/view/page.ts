/**
 * The view page: one self-contained HTML file (styles, script, diagrams and data inline; a Content Security
 * Policy forbids every fetch), that works from file://. Per playbook: the diagram laid out as the designer
 * draws it with its parameters, connectors, permissions and destructive steps beside it; then one tab per
 * scenario run with the path coloured by status, and each step's inputs and outputs on click.
 */
import type { PermissionEntry } from "../build-set";
import { describePermission } from "../describe";
import { kindOf } from "../operation-of";
import { stepsOf } from "../steps";
import { isObject, type Obj } from "../../wdl";
import { displayName, layoutDefinition } from "./layout";
import { PAGE_CSS, PAGE_SCRIPT } from "./page-assets";
import type { ViewRun } from "./runs";
import { renderSvg } from "./svg";

/** One playbook of the page. */
export interface ViewPlaybook {
  name: string;
  description?: string;
  definition: unknown;
  permissions: readonly PermissionEntry[];
  runs: ViewRun[];
}

const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
/** JSON inside a <script> element: nothing in it can close the element or open a comment. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
const slug = (text: string) => text.replace(/[^A-Za-z0-9_-]+/g, "-");

/** What each step and trigger is, for the details panel. */
function stepData(definition: unknown): Record<string, { label: string; type: string; destructive: boolean; fields: unknown }> {
  const out: Record<string, { label: string; type: string; destructive: boolean; fields: unknown }> = {};
  const triggers = isObject(definition) && isObject(definition.triggers) ? definition.triggers : {};
  for (const [name, t] of Object.entries(triggers)) if (isObject(t)) out[name] = { label: kindOf(t).label, type: String(t.type ?? ""), destructive: false, fields: t };
  for (const step of stepsOf(definition).values()) {
    const kind = kindOf(step.action);
    out[step.name] = { label: kind.label, type: String(step.action.type ?? ""), destructive: kind.destructive, fields: { ...step.body, runAfter: step.runAfter } };
  }
  return out;
}

function parameterRows(definition: unknown): string {
  const params: Obj = isObject(definition) && isObject(definition.parameters) ? definition.parameters : {};
  const rows: string[] = [];
  for (const [name, p] of Object.entries(params)) {
    if (name === "$connections" || !isObject(p)) continue;
    const type = String(p.type ?? "");
    const secure = /^secure/i.test(type);
    const value = "defaultValue" in p ? (secure ? "(secure)" : JSON.stringify(p.defaultValue)) : "(required)";
    const allowed = Array.isArray(p.allowedValues) ? `<br/><span class="hint">one of ${escape(p.allowedValues.map((v) => JSON.stringify(v)).join(", "))}</span>` : "";
    const description = isObject(p.metadata) && typeof p.metadata.description === "string" ? `<br/><span class="hint">${escape(p.metadata.description)}</span>` : "";
    rows.push(`<tr><td><code>${escape(name)}</code></td><td>${escape(type)}</td><td><code>${escape(value)}</code>${allowed}${description}</td></tr>`);
  }
  return rows.length ? `<table class="params"><tr><th>name</th><th>type</th><th>default</th></tr>${rows.join("")}</table>` : "<p class=\"hint\">none</p>";
}

function infoAside(p: ViewPlaybook): string {
  const steps = [...stepsOf(p.definition).values()];
  const triggers = isObject(p.definition) && isObject(p.definition.triggers) ? Object.values(p.definition.triggers).filter(isObject) : [];
  const services = [...new Set([...triggers, ...steps.map((s) => s.action)].map((a) => kindOf(a).service).filter((s): s is string => !!s))].sort();
  const destructive = steps.filter((s) => kindOf(s.action).destructive);
  const list = (items: string[]) => (items.length ? `<ul class="plain">${items.map((i) => `<li>${i}</li>`).join("")}</ul>` : '<p class="hint">none</p>');
  return [
    "<h3>Parameters</h3>",
    parameterRows(p.definition),
    "<h3>Connectors and services</h3>",
    list(services.map(escape)),
    "<h3>Permissions of the workflow identity</h3>",
    list(p.permissions.map((x) => escape(describePermission(x)))),
    "<h3>Destructive steps</h3>",
    list(destructive.map((s) => `<span class="warn">⚠ ${escape(displayName(s.name))}</span> — ${escape(kindOf(s.action).label)}`)),
    '<h3>Step</h3><div class="details"><p class="hint">Click a step to see its definition.</p></div>',
  ].join("\n");
}

function runAside(run: ViewRun): string {
  const problems = run.problems.length ? `<ul class="plain problems">${run.problems.map((x) => `<li>${escape(x)}</li>`).join("")}</ul>` : "";
  const expectation = run.problems.length ? '<p class="problems">The run did not do what the scenario expects:</p>' : '<p class="hint">The run did what the scenario expects.</p>';
  return [
    `<h3>${escape(run.title)}</h3>`,
    `<p>Run <span class="status ${escape(run.status)}">${escape(run.status)}</span>${run.error ? ` — <code>${escape(run.error.code)}</code> ${escape(run.error.message)}` : ""}</p>`,
    expectation,
    problems,
    '<h3>Step</h3><div class="details"><p class="hint">Click a step to see its inputs and outputs.</p></div>',
  ].join("\n");
}

async function section(p: ViewPlaybook, index: number): Promise<string> {
  const id = `pb${index}`;
  const design = renderSvg(await layoutDefinition(p.definition), { idPrefix: `${id}-design`, title: `${p.name}: design` });
  const panels = [`<div class="panel active" data-panel="design"><div class="canvas">${design}</div><aside>${infoAside(p)}</aside></div>`];
  const tabs = ['<button type="button" data-tab="design" aria-selected="true">Design</button>'];
  const runs: Record<string, unknown> = {};
  for (const [i, run] of p.runs.entries()) {
    const key = `run${i}`;
    const svg = renderSvg(await layoutDefinition(run.definition), { idPrefix: `${id}-${key}`, title: `${p.name}: run ${run.name}`, run: { statuses: run.statuses, triggered: run.status !== "Skipped" } });
    tabs.push(`<button type="button" data-tab="${key}" aria-selected="false" title="${escape(run.title)}"><span class="dot ${escape(run.status)}"></span>Run: ${escape(run.name)}</button>`);
    panels.push(`<div class="panel" data-panel="${key}" data-run="${key}"><div class="canvas">${svg}</div><aside>${runAside(run)}</aside></div>`);
    runs[key] = { steps: stepData(run.definition), records: run.records, trigger: run.trigger };
  }
  return [
    `<section class="playbook" id="${slug(p.name)}" data-playbook="${escape(p.name)}">`,
    `<header><h2>${escape(p.name)}</h2>${p.description ? `<p class="description">${escape(p.description)}</p>` : ""}</header>`,
    `<div class="tabs" role="tablist">${tabs.join("")}</div>`,
    ...panels,
    `<script type="application/json" class="pk-data">${scriptJson({ steps: stepData(p.definition), runs })}</script>`,
    "</section>",
  ].join("\n");
}

/** The whole page (HTML text, ending with a newline). Same playbooks and runs, same bytes. */
export async function renderViewPage(playbooks: readonly ViewPlaybook[], options: { title?: string; revealSecureData?: boolean } = {}): Promise<string> {
  const title = options.title ?? "playbook-kit view";
  const sections: string[] = [];
  for (const [i, p] of playbooks.entries()) sections.push(await section(p, i));
  const note = options.revealSecureData ? "Secure inputs and outputs are revealed (--reveal-secure-data)." : "Inputs and outputs of steps with secure inputs/outputs are hidden, as run history hides them.";
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<style>${PAGE_CSS.trim()}</style>
</head>
<body>
<header class="top"><h1>${escape(title)}</h1><nav>${playbooks.map((p) => `<a href="#${slug(p.name)}">${escape(p.name)}</a>`).join("")}</nav></header>
${sections.join("\n")}
<footer>Runs are simulated locally (playbook-kit simulator, mocked connectors, simulated clock). ${escape(note)}</footer>
<script>${PAGE_SCRIPT.trim()}</script>
</body>
</html>
`;
}
