/**
 * `loadEnvironment`: read `Pulumi.<env>.yaml` the way the Pulumi CLI would hand it to the program — the
 * `playbook-kit:` keys, over the project defaults declared in `Pulumi.yaml` — and plan it. No Pulumi needed.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { isMap, isScalar, LineCounter, parseDocument, visit, type Document } from "yaml";
import { setKey } from "../../wdl/walk";
import { engineText, valueFromEngineText } from "./engine";
import { CONFIG_NAMESPACE, ConfigError, Problems } from "./errors";
import { notRegularFile } from "../../errors";
import type { AvailablePlaybook } from "./available";
import { isEnvironmentName, planEnvironment, type EnvironmentPlan } from "./plan";
import { SECRET_PLACEHOLDER } from "./validate";

/** Options of `loadEnvironment`. */
export interface LoadEnvironmentOptions {
  /** Folder holding `Pulumi.yaml` and `Pulumi.<env>.yaml`; default `process.cwd()`. */
  root?: string;
  /** The playbooks the environment may enable; default the catalog (project/ passes the project's). */
  playbooks?: readonly AvailablePlaybook[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** Replace Pulumi secret leaves (`{secure: "v1:…"}`) with the placeholder; they can only be decrypted by Pulumi. */
function replaceSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(replaceSecrets);
  if (isObj(value)) {
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === "secure" && typeof value.secure === "string") return SECRET_PLACEHOLDER;
    return Object.fromEntries(keys.map((k) => [k, replaceSecrets(value[k])]));
  }
  return value;
}

/** A top-level value as the program sees it: through the engine's text (see `engine.ts`). */
function asTheEngineHandsIt(name: string, value: unknown): unknown {
  return valueFromEngineText(name, engineText(value));
}

/**
 * Aliases a config file may expand. A hand-written stack file uses a few; a "billion laughs" document uses
 * millions, and the yaml library's own guard throws a bare ReferenceError, which we report as a problem.
 */
const MAX_ALIAS_COUNT = 100;

/**
 * Report repeated keys of every map. The yaml library's `uniqueKeys` check compares each key with every earlier
 * one (a 100,000-entry map took minutes); a Set per map is linear.
 */
function duplicateKeys(doc: Document, lines: LineCounter, where: (offset: number) => string): string[] {
  const found: string[] = [];
  visit(doc, {
    Map(_key, map) {
      if (!isMap(map)) return;
      const seen = new Map<string, number>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const id = `${typeof pair.key.value}:${String(pair.key.value)}`;
        const offset = pair.key.range?.[0] ?? 0;
        const first = seen.get(id);
        if (first === undefined) seen.set(id, offset);
        else found.push(`is not valid YAML at ${where(offset)}: Map keys must be unique ('${String(pair.key.value)}' is also on line ${lines.linePos(first).line})`);
      }
    },
  });
  return found;
}

function readYaml(file: string, label: string, problems: Problems): unknown {
  const refused = notRegularFile(file);
  // An unreadable input is a usage error (exit 2), as for every other file a command is given.
  if (refused) throw new ConfigError([{ path: label, message: `cannot be read: ${refused}.` }], label, 2);
  const lines = new LineCounter();
  const doc = parseDocument(fs.readFileSync(file, "utf8"), { uniqueKeys: false, lineCounter: lines });
  const where = (offset: number) => {
    const pos = lines.linePos(offset);
    return `line ${pos.line}, column ${pos.col}`;
  };
  if (doc.errors.length) {
    for (const e of doc.errors) problems.addAt(label, `is not valid YAML at ${e.linePos?.[0] ? `line ${e.linePos[0].line}, column ${e.linePos[0].col}` : "somewhere"}: ${e.message.split("\n")[0]}`);
    return undefined;
  }
  const duplicates = duplicateKeys(doc, lines, where);
  if (duplicates.length) {
    for (const d of duplicates) problems.addAt(label, d);
    return undefined;
  }
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    // The yaml library throws a ReferenceError for an alias bomb and for an alias to an anchor not yet defined.
    if (!(error instanceof ReferenceError)) throw error;
    const bomb = /resource exhaustion/.test(error.message);
    problems.addAt(label, bomb ? `expands YAML aliases more than ${MAX_ALIAS_COUNT} times (a "billion laughs" document); write the values out instead of nesting aliases.` : `is not valid YAML: ${error.message}.`);
    return undefined;
  }
}

/** Project-level config defaults from `Pulumi.yaml` (`key: value`, or `key: {default|value: …}`), namespace stripped. */
function projectDefaults(root: string, problems: Problems): Obj {
  const file = path.join(root, "Pulumi.yaml");
  if (!fs.existsSync(file)) return {};
  const project = readYaml(file, "Pulumi.yaml", problems);
  if (!isObj(project) || !isObj(project.config)) return {};
  const out: Obj = {};
  for (const [key, decl] of Object.entries(project.config)) {
    const name = key.includes(":") ? (key.startsWith(`${CONFIG_NAMESPACE}:`) ? key.slice(CONFIG_NAMESPACE.length + 1) : undefined) : key;
    if (name === undefined) continue;
    if (!isObj(decl)) setKey(out, name, asTheEngineHandsIt(name, decl));
    else if ("value" in decl) setKey(out, name, asTheEngineHandsIt(name, decl.value));
    else if ("default" in decl) setKey(out, name, asTheEngineHandsIt(name, decl.default));
  }
  return out;
}

/**
 * The raw `playbook-kit:` config of an environment, namespace stripped, Pulumi secrets replaced by
 * `SECRET_PLACEHOLDER`. Throws `ConfigError` when the files cannot be read.
 */
export function readEnvironmentConfig(env: string, options: LoadEnvironmentOptions = {}): unknown {
  const root = path.resolve(options.root ?? process.cwd());
  const label = `Pulumi.${env}.yaml`;
  if (!isEnvironmentName(env)) {
    throw new ConfigError([{ path: "environment", message: `'${env}' is not a valid environment name: use letters, digits, '-', '_' and '.', starting with a letter or digit.` }], label, 2);
  }
  const file = path.join(root, label);
  if (!fs.existsSync(file)) {
    const known = fs.existsSync(root)
      ? fs.readdirSync(root).map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1]).filter((e): e is string => !!e).sort()
      : [];
    throw new ConfigError(
      [{ path: label, message: `does not exist in ${root}; ${known.length ? `environments there: ${known.join(", ")}` : "create it (see the README's Deploy section)"}.` }],
      label,
      2,
    );
  }
  const problems = new Problems();
  const stack = readYaml(file, label, problems);
  const defaults = projectDefaults(root, problems);
  problems.throwIfAny(label);
  if (!isObj(stack) || !isObj(stack.config)) {
    throw new ConfigError([{ path: `${label} config`, message: "is missing: the file needs a top-level 'config:' map with the playbook-kit: keys." }], label);
  }
  const raw: Obj = { ...defaults };
  for (const [key, value] of Object.entries(stack.config)) {
    if (!key.includes(":")) {
      problems.addAt(key, `needs a namespace: write ${CONFIG_NAMESPACE}:${key} (stack config keys are <namespace>:<key>).`);
      continue;
    }
    if (!key.startsWith(`${CONFIG_NAMESPACE}:`)) continue; // provider settings such as azure-native:location
    const name = key.slice(CONFIG_NAMESPACE.length + 1);
    setKey(raw, name, asTheEngineHandsIt(name, replaceSecrets(value)));
  }
  problems.throwIfAny(label);
  return raw;
}

/**
 * Read and validate `Pulumi.<env>.yaml` and plan the environment: the enabled playbooks, in the order of
 * `options.playbooks`, built with its mode and channel. Throws `ConfigError` listing every problem (a missing
 * file is one too).
 */
export function loadEnvironment(env: string, options: LoadEnvironmentOptions = {}): EnvironmentPlan {
  return planEnvironment(env, readEnvironmentConfig(env, options), `Pulumi.${env}.yaml`, options.playbooks);
}
