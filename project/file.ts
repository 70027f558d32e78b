/**
 * `playbook-kit.json`, the project file at the root of an author's repository: which folders hold playbook
 * files, which shipped catalog playbooks the repository deploys, and a few defaults. Checked by hand (not ajv)
 * so every problem carries a stable code, the file, a JSON pointer with its line and column, and what to do.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { catalog } from "../playbooks/catalog";
import { JsonPositions, parseJsonText } from "../validators/json-text";
import { closest } from "../validators/rules/rule";
import { ProjectError, type ProjectProblem } from "./errors";
import { notRegularFile } from "../errors";

/** The project file's name. */
export const PROJECT_FILE = "playbook-kit.json";

/** What `playbook-kit.json` says, with defaults applied. Paths are as written (relative to the file's folder). */
export interface ProjectConfig {
  /** Folders of playbook files (each `.ts` file directly in it, tests and declarations skipped) or single `.ts` files. Default `[]`. */
  playbooks: string[];
  /** Names of shipped catalog playbooks the project deploys. Default `[]`. */
  catalog: string[];
  /** Default output folder of `build`. Default `dist`. */
  out: string;
  /** Type-check author playbooks before loading them (`--no-typecheck` overrides it per run). Default `true`. */
  typecheck: boolean;
  /** Folder holding `Pulumi.yaml` and the `Pulumi.<env>.yaml` stack files. Default `.`. */
  pulumi: string;
  /** tsconfig whose compiler options the type check uses; default `tsconfig.json` when it exists. */
  tsconfig?: string;
}

/** One key of the project file: its check and what it means (the messages quote it). */
interface KeySpec {
  check(value: unknown, at: string, add: (pointer: string, code: string, message: string) => void): void;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (isObj(value)) return "an object";
  return `${typeof value} ${JSON.stringify(value)}`;
}

/** A relative path inside the project: no absolute paths, no `..` escaping the root. */
function pathProblem(value: string): string | undefined {
  if (value.trim() === "") return "is empty; give a folder relative to playbook-kit.json, e.g. \"playbooks\".";
  if (path.isAbsolute(value) || /^[A-Za-z]:[\\/]/.test(value)) return `is an absolute path ('${value}'); give it relative to playbook-kit.json so the repository works on every machine.`;
  if (path.normalize(value).split(/[\\/]/)[0] === "..") return `('${value}') leaves the project folder; playbook files must live inside the repository.`;
  return undefined;
}

function stringList(what: string, item: (value: string, at: string, add: Parameters<KeySpec["check"]>[2]) => void): KeySpec {
  return {
    check(value, at, add) {
      if (!Array.isArray(value)) return add(at, "project-key-type", `must be a list of ${what}, not ${typeName(value)}.`);
      const seen = new Map<string, number>();
      value.forEach((v, i) => {
        const here = `${at}/${i}`;
        if (typeof v !== "string") return add(here, "project-key-type", `must be a string (${what}), not ${typeName(v)}.`);
        if (seen.has(v)) return add(here, "project-duplicate-entry", `repeats '${v}' (also at ${at}/${seen.get(v)}); list it once.`);
        seen.set(v, i);
        item(v, here, add);
      });
    },
  };
}

function relativePath(what: string): KeySpec {
  return {
    check(value, at, add) {
      if (typeof value !== "string") return add(at, "project-key-type", `must be a string (${what}), not ${typeName(value)}.`);
      const bad = pathProblem(value);
      if (bad) add(at, "project-path", bad);
    },
  };
}

const CATALOG_NAMES = () => catalog.map((e) => e.name);

/** Every key the file may hold. */
const KEYS: Record<string, KeySpec> = {
  $schema: { check: (v, at, add) => (typeof v === "string" ? undefined : add(at, "project-key-type", `must be a string, not ${typeName(v)}.`)) },
  playbooks: stringList("folders or .ts files relative to playbook-kit.json", (v, at, add) => {
    const bad = pathProblem(v);
    if (bad) add(at, "project-path", bad);
  }),
  catalog: stringList("catalog playbook names", (v, at, add) => {
    if (!CATALOG_NAMES().includes(v)) {
      const close = closest(v, CATALOG_NAMES());
      add(at, "project-unknown-catalog-playbook", `'${v}' is not a catalog playbook${close ? ` (did you mean '${close}'?)` : ""}; the catalog has: ${CATALOG_NAMES().join(", ")}.`);
    }
  }),
  out: relativePath("the build output folder"),
  typecheck: { check: (v, at, add) => (typeof v === "boolean" ? undefined : add(at, "project-key-type", `must be true or false, not ${typeName(v)}.`)) },
  pulumi: relativePath("the folder of Pulumi.yaml and Pulumi.<env>.yaml"),
  tsconfig: relativePath("the tsconfig the type check uses"),
};

/** Check the parsed content of a project file; returns the config and every problem found. */
export function checkProjectConfig(value: unknown): { config: ProjectConfig; problems: { pointer: string; code: string; message: string }[] } {
  const problems: { pointer: string; code: string; message: string }[] = [];
  const add = (pointer: string, code: string, message: string) => void problems.push({ pointer, code, message });
  if (!isObj(value)) {
    add("", "project-file-shape", `must hold a JSON object such as {"playbooks": ["playbooks"]}, not ${typeName(value)}.`);
    return { config: defaults(), problems };
  }
  for (const [key, v] of Object.entries(value)) {
    const spec = KEYS[key];
    const at = `/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`;
    if (!spec) {
      const close = closest(key, Object.keys(KEYS));
      add(at, "project-unknown-key", `'${key}' is not a key of playbook-kit.json${close ? ` (did you mean '${close}'?)` : ""}; known keys: ${Object.keys(KEYS).join(", ")}.`);
      continue;
    }
    spec.check(v, at, add);
  }
  const ok = (key: string) => !problems.some((p) => p.pointer === `/${key}` || p.pointer.startsWith(`/${key}/`));
  // List keys keep their good entries, so later checks (folders exist) still run on them.
  const goodItems = (key: string) =>
    Array.isArray(value[key]) && !problems.some((p) => p.pointer === `/${key}`)
      ? (value[key] as unknown[]).filter((v, i): v is string => typeof v === "string" && !problems.some((p) => p.pointer === `/${key}/${i}`))
      : [];
  const config = defaults();
  config.playbooks = goodItems("playbooks");
  config.catalog = goodItems("catalog");
  if (typeof value.out === "string" && ok("out")) config.out = value.out;
  if (typeof value.typecheck === "boolean") config.typecheck = value.typecheck;
  if (typeof value.pulumi === "string" && ok("pulumi")) config.pulumi = value.pulumi;
  if (typeof value.tsconfig === "string" && ok("tsconfig")) config.tsconfig = value.tsconfig;
  return { config, problems };
}

/** The config of a folder without a project file, and the defaults of every key. */
export function defaults(): ProjectConfig {
  return { playbooks: [], catalog: [], out: "dist", typecheck: true, pulumi: "." };
}

/** Problems that need the file system: every listed playbook path must exist, a file entry must be TypeScript. */
function pathProblems(root: string, listed: unknown, config: ProjectConfig, add: (pointer: string, code: string, message: string) => void): void {
  const list: unknown[] = Array.isArray(listed) ? listed : [];
  list.forEach((entry, i) => {
    if (typeof entry !== "string" || !config.playbooks.includes(entry) || list.indexOf(entry) !== i) return;
    const abs = path.join(root, entry);
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(abs);
    } catch {
      stat = undefined;
    }
    if (!stat) add(`/playbooks/${i}`, "project-path-missing", `'${entry}' does not exist in ${root}; create the folder or remove the entry.`);
    else if (stat.isFile() && !/\.c?ts$/.test(entry)) add(`/playbooks/${i}`, "project-path", `'${entry}' is a file but not a TypeScript file; list folders of playbooks or .ts files.`);
  });
  if (config.tsconfig !== undefined && !fs.existsSync(path.join(root, config.tsconfig))) {
    add("/tsconfig", "project-path-missing", `'${config.tsconfig}' does not exist in ${root}; remove the key to use tsconfig.json, or fix the path.`);
  }
}

/**
 * Read and check a project file. Throws `ProjectError` (a `UserError`, exit 2) listing every problem with the
 * file, line:column and JSON pointer.
 */
export function readProjectFile(file: string): ProjectConfig {
  const refused = notRegularFile(file);
  if (refused) throw new ProjectError([{ file, code: "project-file-unreadable", message: `cannot be read: ${refused}.` }], 2, `${PROJECT_FILE} cannot be read:`);
  let raw: string;
  try {
    raw = fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new ProjectError([{ file, code: "project-file-unreadable", message: `cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}.` }], 2, `${PROJECT_FILE} cannot be read:`);
  }
  const parsed = parseJsonText(raw);
  if (!parsed.ok) {
    const { line, column, message } = parsed.error;
    throw new ProjectError([{ file, line, column, code: "project-file-json", message: `is not valid JSON: ${message}.` }], 2, `${PROJECT_FILE} is not valid JSON:`);
  }
  const { config, problems } = checkProjectConfig(parsed.value);
  pathProblems(path.dirname(file), (parsed.value as { playbooks?: unknown } | null)?.playbooks, config, (pointer, code, message) => problems.push({ pointer, code, message }));
  if (problems.length) {
    const positions = new JsonPositions(parsed.text);
    const located: ProjectProblem[] = problems.map((p) => ({ file, ...positions.locate(p.pointer), ...p }));
    throw new ProjectError(located, 2, `${PROJECT_FILE} has ${located.length} problem(s):`);
  }
  return config;
}
