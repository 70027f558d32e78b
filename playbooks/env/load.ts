/**
 * `loadEnvironment`: read `Pulumi.<env>.yaml` the way the Pulumi CLI would hand it to the program — the
 * `playbook-kit:` keys, over the project defaults declared in `Pulumi.yaml` — and plan it. No Pulumi needed.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseDocument } from "yaml";
import { setKey } from "../../wdl/walk";
import { engineText, valueFromEngineText } from "./engine";
import { CONFIG_NAMESPACE, ConfigError, Problems } from "./errors";
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

function readYaml(file: string, label: string, problems: Problems): unknown {
  const doc = parseDocument(fs.readFileSync(file, "utf8"), { uniqueKeys: true });
  if (doc.errors.length) {
    for (const e of doc.errors) {
      const where = e.linePos?.[0] ? `line ${e.linePos[0].line}, column ${e.linePos[0].col}` : "somewhere";
      problems.addAt(label, `is not valid YAML at ${where}: ${e.message.split("\n")[0]}`);
    }
    return undefined;
  }
  return doc.toJS();
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
    throw new ConfigError([{ path: "environment", message: `'${env}' is not a valid environment name: use letters, digits, '-', '_' and '.', starting with a letter or digit.` }], label);
  }
  const file = path.join(root, label);
  if (!fs.existsSync(file)) {
    const known = fs.existsSync(root)
      ? fs.readdirSync(root).map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1]).filter((e): e is string => !!e).sort()
      : [];
    throw new ConfigError(
      [{ path: label, message: `does not exist in ${root}; ${known.length ? `environments there: ${known.join(", ")}` : "create it (see the README's Deploy section)"}.` }],
      label,
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
