/**
 * `validateEnvironmentConfig`: ajv checks the shape of the `playbook-kit:` namespace, then the rules that span
 * keys or depend on the catalog run on whatever parts are well-formed, so one call reports every problem.
 */
import Ajv, { type ErrorObject } from "ajv";
import addFormats from "ajv-formats";
import { describeValue, parameterValueProblem, type ParameterDeclaration } from "../../wdl";
import { availableNames, CATALOG_PLAYBOOKS, type AvailablePlaybook } from "./available";
import { BuildError, type Playbook } from "../kit";
import { MANAGED_IDENTITY_PARAMETER } from "../kit/operation";
import { isAzureRole, requiredPermissions } from "../../operations";
import { checkAutomationRule } from "./automation-rule";
import { Problems, type ConfigProblem } from "./errors";
import { literalSecretWarnings, plainSecureParameterWarning } from "./secrets";
import { CONFIG_SCHEMA, RESERVED_TAGS, type EnvironmentConfig, type PlaybookSettings } from "./schema";

/**
 * Stands for a value stored as a Pulumi secret (`{secure: "v1:…"}`) that only the Pulumi engine can decrypt.
 * `loadEnvironment` puts it where a secret was; checks that need the real value skip it.
 */
export const SECRET_PLACEHOLDER = "[secret]";

/** Definition parameters the environment fills from other keys, never from `playbooks.<name>.parameters`. */
export const ENVIRONMENT_PARAMETERS: Readonly<Record<string, string>> = {
  $connections: "the stack wires the connections itself",
  notifyTo: "set the recipients in notify.recipients",
  senderMailbox: "set the sending mailbox in notify.sender",
  [MANAGED_IDENTITY_PARAMETER]: "the stack sets it from identity",
};

const MAILBOX = /^[^\s@<>()[\]\\,;:"]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;
const WORKSPACE_ID = /^\/subscriptions\/[0-9a-f-]{36}\/resourcegroups\/[-\w.()]+\/providers\/microsoft\.operationalinsights\/workspaces\/[A-Za-z0-9][A-Za-z0-9-]{2,61}[A-Za-z0-9]$/i;

const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, strictTypes: false });
addFormats(ajv, ["email"]);
ajv.addKeyword({ keyword: "x-hint", schemaType: "string" });
ajv.addFormat("mailbox", { type: "string", validate: (s: string) => s === SECRET_PLACEHOLDER || MAILBOX.test(s) });
ajv.addFormat("workspace-id", { type: "string", validate: (s: string) => s === SECRET_PLACEHOLDER || WORKSPACE_ID.test(s) });
const validateShape = ajv.compile(CONFIG_SCHEMA);

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** Short description of a value for messages. */
const show = describeValue;

/** Edit distance (insert, delete, substitute), case-insensitive. */
function distance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let row = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const next = [i];
    for (let j = 1; j <= y.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    row = next;
  }
  return row[y.length]!;
}

/** The known key a misspelling most likely meant (at most 2 edits away). */
function closest(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const k of known) {
    const d = distance(key, k);
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return best;
}

const REQUIRED_HINTS: Record<string, string> = {
  location: "the Azure region of every resource, e.g. westeurope",
  resourceGroup: "{name, create}: the resource group the playbooks deploy to",
  "resourceGroup.name": "the resource group name",
  "resourceGroup.create": "true to create the resource group, false to use an existing one",
  identity: "{type: SystemAssigned|UserAssigned, name?}",
  "identity.type": "SystemAssigned (one identity per workflow) or UserAssigned (one shared identity)",
  notify: "{channel: graph|outlook, sender?, recipients: [...]}",
  "notify.channel": "graph (Graph sendMail with the managed identity) or outlook (Office 365 connector)",
  "notify.recipients": "the list of email addresses notifications go to",
  grantPermissions: "true to grant the identity its app roles, false to output the commands a tenant admin must run",
  playbooks: "the playbooks of this environment, by name",
  enabled: "true to deploy the playbook, false to remove it",
  state: "Enabled or Disabled (the deployed workflow's state)",
};

function segmentsOf(instancePath: string, root: unknown): (string | number)[] {
  const out: (string | number)[] = [];
  let node = root;
  for (const raw of instancePath.split("/").slice(1)) {
    const seg = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (Array.isArray(node) && /^\d+$/.test(seg)) {
      out.push(Number(seg));
      node = node[Number(seg)];
    } else {
      out.push(seg);
      node = isObj(node) ? node[seg] : undefined;
    }
  }
  return out;
}

function shapeProblem(error: ErrorObject, root: unknown, problems: Problems, available: readonly AvailablePlaybook[]): void {
  const at = segmentsOf(error.instancePath, root);
  const parent = (error.parentSchema ?? {}) as Obj;
  const hint = typeof parent["x-hint"] === "string" ? (parent["x-hint"] as string) : undefined;
  const params = error.params as Obj;
  switch (error.keyword) {
    case "required": {
      const key = String(params.missingProperty);
      const named = [...at.filter((s) => typeof s === "string"), key].join(".");
      const generic = at[0] === "playbooks" ? key : named;
      const hint = REQUIRED_HINTS[named] ?? REQUIRED_HINTS[generic];
      const what = named === "playbooks" ? `${hint} (available: ${availableNames(available)})` : hint;
      problems.add([...at, key], what ? `is required: ${what}.` : "is required.");
      return;
    }
    case "additionalProperties": {
      const key = String(params.additionalProperty);
      const known = Object.keys((parent.properties ?? {}) as Obj);
      const close = closest(key, known);
      problems.add([...at, key], `is not a known key${close ? ` (did you mean '${close}'?)` : ""}; known keys here: ${known.join(", ")}.`);
      return;
    }
    case "type":
      problems.add(at, `must be ${params.type === "object" ? "an object" : params.type === "array" ? "a list" : `a ${String(params.type)}`}, not ${show(error.data)}.`);
      return;
    case "enum":
      problems.add(at, `must be one of ${(params.allowedValues as unknown[]).map((v) => String(v)).join(", ")}, not ${show(error.data)}.`);
      return;
    case "pattern":
    case "format":
      problems.add(at, `${hint ?? `must match ${String(params.pattern ?? params.format)}`} (found ${show(error.data)}).`);
      return;
    case "minItems":
      problems.add(at, at.join(".") === "notify.recipients" ? "must list at least one recipient." : `must have at least ${String(params.limit)} item(s).`);
      return;
    case "minProperties":
      problems.add(at, at.join(".") === "playbooks" ? `must configure at least one playbook (available: ${availableNames(available)}).` : `must have at least ${String(params.limit)} key(s).`);
      return;
    case "maxProperties":
      problems.add(at, `has ${Object.keys(error.data as Obj).length} entries; at most ${String(params.limit)} are allowed (Azure allows 50 tags and the stack sets ${RESERVED_TAGS.join(", ")}).`);
      return;
    case "maxLength":
      problems.add(at, `must be at most ${String(params.limit)} characters long (found ${(error.data as string).length}).`);
      return;
    case "propertyNames":
      return; // the nested error names the offending key
    default:
      problems.add(at, `${error.message ?? "is invalid"}.`);
  }
}

function propertyNameProblem(error: ErrorObject, root: unknown, problems: Problems): boolean {
  const name = (error as ErrorObject & { propertyName?: string }).propertyName;
  if (name === undefined) return false;
  const at = segmentsOf(error.instancePath, root);
  const parent = (error.parentSchema ?? {}) as Obj;
  const hint = typeof parent["x-hint"] === "string" ? (parent["x-hint"] as string) : `name ${error.message ?? "is invalid"}`;
  problems.add([...at, name], error.keyword === "maxLength" ? `tag names must be at most ${String((error.params as Obj).limit)} characters long.` : `${hint}.`);
  return true;
}

/** Why a value does not fit a declared parameter; a secret placeholder stands for a string nobody here can read. */
function parameterTypeProblem(decl: ParameterDeclaration, value: unknown): string | undefined {
  if (value === SECRET_PLACEHOLDER && (decl.type === "String" || decl.type === "SecureString")) return undefined;
  return parameterValueProblem(decl, value);
}

function describeDeclaration(name: string, decl: ParameterDeclaration): string {
  return `${name} (${decl.type}${decl.allowedValues ? `: ${decl.allowedValues.map(String).join("|")}` : ""})`;
}

/**
 * Each value a list repeats, at its first position with the later ones. Secret placeholders stand for values
 * nobody here can read, so they never count as repeats.
 */
function repeatedValues(list: readonly unknown[], at: readonly (string | number)[], problems: Problems): void {
  const positions = new Map<string, number[]>();
  list.forEach((value, i) => {
    if (value === SECRET_PLACEHOLDER) return;
    const key = JSON.stringify(value) ?? "undefined";
    positions.set(key, [...(positions.get(key) ?? []), i]);
  });
  for (const [first, ...later] of positions.values()) {
    if (later.length) problems.add([...at, first!], `repeats ${show(list[first!])} (also at ${later.map((i) => `[${i}]`).join(", ")}); list each value once.`);
  }
}

/** A playbook as the environment builds it, for checks and for the plan. */
export interface CheckedPlaybook {
  entry: AvailablePlaybook;
  settings: PlaybookSettings;
  playbook: Playbook;
}

/** Result of checking a config: the typed config and the playbooks built with its modes and channel. */
export interface CheckedConfig {
  config: EnvironmentConfig;
  playbooks: CheckedPlaybook[];
  /** `config-literal-secret` warnings: plain values that look like credentials (the config is still valid). */
  warnings: ConfigProblem[];
}

function unknownPlaybook(name: string, available: readonly AvailablePlaybook[], problems: Problems): void {
  problems.add(["playbooks", name], `is not a playbook of this project; available: ${availableNames(available)}.`);
}

function checkPlaybook(name: string, raw: Obj, channel: "graph" | "outlook", problems: Problems, available: readonly AvailablePlaybook[], warnings: ConfigProblem[]): CheckedPlaybook | undefined {
  const entry = available.find((e) => e.name === name);
  if (!entry) {
    unknownPlaybook(name, available, problems);
    return undefined;
  }
  const enabled = raw.enabled === true;
  const modeValid = raw.mode === "audit" || raw.mode === "enforce";
  if (raw.mode !== undefined && !entry.hasModes) {
    const withModes = available.filter((e) => e.hasModes).map((e) => e.name);
    problems.add(["playbooks", name, "mode"], `is only for playbooks with destructive steps (${withModes.join(", ") || "none"}); ${name} has none, remove mode.`);
  }
  // Without `mode`, a playbook with destructive steps builds with the builder's default (enforce), as the
  // config contract makes `mode` optional; an invalid value builds audit so checking goes on safely.
  const mode = entry.hasModes ? (raw.mode === undefined ? "enforce" : modeValid ? (raw.mode as "audit" | "enforce") : "audit") : undefined;
  let playbook: Playbook;
  try {
    playbook = entry.create({ ...(mode ? { mode } : {}), channel });
  } catch (error) {
    if (error instanceof BuildError) {
      problems.add(["playbooks", name], `cannot be built with these settings: ${error.message}`);
      return undefined;
    }
    throw error;
  }
  const declared = playbook.definition.parameters ?? {};
  const settable = Object.entries(declared).filter(([p]) => !(p in ENVIRONMENT_PARAMETERS));
  const values = raw.parameters;
  if (isObj(values)) {
    for (const [p, value] of Object.entries(values)) {
      const at = ["playbooks", name, "parameters", p];
      if (p in ENVIRONMENT_PARAMETERS && p in declared) {
        problems.add(at, `is filled by the environment: ${ENVIRONMENT_PARAMETERS[p]}.`);
        continue;
      }
      const decl = declared[p];
      if (!decl) {
        const list = settable.map(([n, d]) => describeDeclaration(n, d)).join(", ");
        problems.add(at, `is not a parameter of ${name}${list ? `; its parameters: ${list}` : "; it has no settable parameters"}.`);
        continue;
      }
      const bad = parameterTypeProblem(decl, value);
      if (bad) problems.add(at, bad);
      else if ((decl.type === "SecureString" || decl.type === "SecureObject") && value !== SECRET_PLACEHOLDER) warnings.push(plainSecureParameterWarning(name, p, decl.type));
    }
  }
  for (const [p, decl] of settable) {
    if (decl.defaultValue === undefined && !(isObj(values) && p in values)) {
      const description = decl.metadata?.description ? ` (${decl.metadata.description})` : "";
      problems.add(["playbooks", name, "parameters", p], `is required: ${name} declares ${describeDeclaration(p, decl)} without a default${description}.`);
    }
  }
  const settings: PlaybookSettings = {
    enabled,
    state: raw.state === "Disabled" ? "Disabled" : "Enabled",
    ...(mode && raw.mode !== undefined ? { mode } : {}),
    parameters: isObj(values) ? { ...values } : {},
  };
  return { entry, settings, playbook };
}

/** Enabled playbooks that need Azure roles on the Sentinel workspace require `sentinel`; a secret there cannot be a scope. */
function sentinelProblems(raw: Obj, checked: readonly CheckedPlaybook[], problems: Problems): void {
  const users = checked.filter((c) => c.settings.enabled && requiredPermissions(c.playbook.definition).some((p) => isAzureRole(p) && p.scope === "sentinelWorkspace"));
  if (users.length && raw.sentinel === undefined) {
    problems.add(
      ["sentinel"],
      `is required: ${users.map((c) => c.entry.name).join(", ")} ${users.length === 1 ? "uses" : "use"} the Microsoft Sentinel connector, whose identity needs Azure roles on the Sentinel workspace. Set {workspaceResourceId: /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.OperationalInsights/workspaces/<name>}.`,
    );
  }
  if (isObj(raw.sentinel) && raw.sentinel.workspaceResourceId === SECRET_PLACEHOLDER) {
    problems.add(["sentinel", "workspaceResourceId"], "is a Pulumi secret, but it is the scope of role assignments, which Pulumi keeps in plain state; set it without --secret.");
  }
}

/** Each playbook's `automationRule`, checked against its trigger and the workspace; well-formed ones join its settings. */
function automationRuleProblems(raw: Obj, checked: readonly CheckedPlaybook[], problems: Problems): void {
  const sentinel = isObj(raw.sentinel) ? raw.sentinel.workspaceResourceId : undefined;
  const workspaceId = typeof sentinel === "string" && WORKSPACE_ID.test(sentinel) ? sentinel : undefined;
  const settings = isObj(raw.playbooks) ? raw.playbooks : {};
  for (const c of checked) {
    const own = settings[c.entry.name];
    const value = isObj(own) ? own.automationRule : undefined;
    if (value === undefined) continue;
    const rule = checkAutomationRule(c.entry.name, value, c.playbook.definition, workspaceId, problems);
    if (rule) c.settings.automationRule = rule;
  }
}

/**
 * Check a raw config (the `playbook-kit:` keys without the namespace) and build its playbooks, chosen from
 * `available` (default: the catalog). Throws `ConfigError` listing every problem.
 */
export function checkEnvironmentConfig(raw: unknown, source?: string, available: readonly AvailablePlaybook[] = CATALOG_PLAYBOOKS): CheckedConfig {
  const problems = new Problems();
  if (!validateShape(raw)) {
    for (const error of validateShape.errors ?? []) {
      if (!propertyNameProblem(error, raw, problems)) shapeProblem(error, raw, problems, available);
    }
  }
  if (!isObj(raw)) {
    problems.throwIfAny(source);
    throw new Error("unreachable: a non-object config passed the schema");
  }

  const identity = isObj(raw.identity) ? raw.identity : undefined;
  if (identity?.type === "UserAssigned" && identity.name === undefined) {
    problems.add(["identity", "name"], "is required when identity.type is UserAssigned: the name of the shared user-assigned identity.");
  }
  if (identity?.type === "SystemAssigned" && identity.name !== undefined) {
    problems.add(["identity", "name"], "is only used with identity.type UserAssigned; remove it, or set type to UserAssigned.");
  }

  const notify = isObj(raw.notify) ? raw.notify : undefined;
  if (notify?.channel === "graph" && notify.sender === undefined) {
    problems.add(["notify", "sender"], "is required when notify.channel is graph: the mailbox Graph sendMail sends from (the identity needs Mail.Send).");
  }
  if (notify?.channel === "outlook" && notify.sender !== undefined) {
    problems.add(["notify", "sender"], "is only used with notify.channel graph: the Outlook connector sends as the account that authorizes the office365 connection; remove it.");
  }

  if (Array.isArray(notify?.recipients)) repeatedValues(notify.recipients, ["notify", "recipients"], problems);

  if (isObj(raw.tags)) {
    for (const tag of Object.keys(raw.tags)) {
      if ((RESERVED_TAGS as readonly string[]).includes(tag.toLowerCase())) {
        problems.add(["tags", tag], `is set by the stack on every resource (${RESERVED_TAGS.join(", ")} are reserved); use another tag name.`);
      }
    }
  }

  const channel = notify?.channel === "outlook" ? "outlook" : "graph";
  const checked: CheckedPlaybook[] = [];
  const secureWarnings: ConfigProblem[] = [];
  if (isObj(raw.playbooks)) {
    for (const [name, settings] of Object.entries(raw.playbooks)) {
      if (!isObj(settings)) {
        if (!available.some((e) => e.name === name)) unknownPlaybook(name, available, problems);
        continue;
      }
      const c = checkPlaybook(name, settings, channel, problems, available, secureWarnings);
      if (c) checked.push(c);
    }
  }

  sentinelProblems(raw, checked, problems);
  automationRuleProblems(raw, checked, problems);
  problems.throwIfAny(source);

  // The order of the available list (catalog first, then authors' files), whatever order the file lists them in.
  const order = new Map(available.map((e, i) => [e.name, i]));
  checked.sort((a, b) => order.get(a.entry.name)! - order.get(b.entry.name)!);
  const r = raw as unknown as EnvironmentConfig;
  const config: EnvironmentConfig = {
    location: r.location,
    resourceGroup: { name: r.resourceGroup.name, create: r.resourceGroup.create },
    identity: r.identity.type === "UserAssigned" ? { type: "UserAssigned", name: r.identity.name! } : { type: "SystemAssigned" },
    notify: {
      channel: r.notify.channel,
      ...(r.notify.sender !== undefined ? { sender: r.notify.sender } : {}),
      recipients: [...r.notify.recipients],
    },
    grantPermissions: r.grantPermissions,
    ...(r.logAnalyticsWorkspaceId !== undefined ? { logAnalyticsWorkspaceId: r.logAnalyticsWorkspaceId } : {}),
    ...(r.sentinel !== undefined ? { sentinel: { workspaceResourceId: r.sentinel.workspaceResourceId } } : {}),
    tags: { ...(r.tags ?? {}) },
    playbooks: Object.fromEntries(checked.map((c) => [c.entry.name, c.settings])),
  };
  // One warning per key: a SecureString parameter's own warning says more than the generic one.
  const secure = new Set(secureWarnings.map((w) => w.path));
  const warnings = [...literalSecretWarnings(raw).filter((w) => !secure.has(w.path)), ...secureWarnings].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { config, playbooks: checked, warnings };
}

/** Validate a raw config (the `playbook-kit:` keys without the namespace). Throws `ConfigError` listing every problem. */
export function validateEnvironmentConfig(raw: unknown, available?: readonly AvailablePlaybook[]): EnvironmentConfig {
  return checkEnvironmentConfig(raw, undefined, available).config;
}
