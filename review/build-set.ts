/**
 * A set of built playbooks to compare: read from a folder that `playbook-kit build` wrote (`manifest.json` and
 * the definition files it lists). Permissions come from the manifest — what that build grants — and are inferred
 * from the definition when an older manifest does not list them.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { UserError } from "../errors";
import { isObject } from "../wdl";
import { requiredPermissions } from "../operations";

/**
 * A permission as the manifest lists it: app roles and Azure RBAC roles alike carry `resource` and `role`; any
 * other fields (a scope, a kind) are kept and compared too.
 */
export interface PermissionEntry {
  resource: string;
  role: string;
}

/** One built playbook. */
export interface BuiltPlaybook {
  name: string;
  /** Definition file name, relative to the build folder. */
  file: string;
  definition: unknown;
  permissions: PermissionEntry[];
}

/** A build: where it came from (a folder, a git ref, the working tree) and its playbooks by name. */
export interface BuildSet {
  label: string;
  playbooks: BuiltPlaybook[];
}

function readJson(file: string, what: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new UserError(`cannot read ${what} ${file}: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message}`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new UserError(`${what} ${file} is not valid JSON: ${(error as Error).message}`);
  }
}

/** Permission entries of a manifest entry (objects with string resource and role), or undefined when absent. */
function manifestPermissions(value: unknown): PermissionEntry[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.filter((p): p is PermissionEntry => isObject(p) && typeof p.resource === "string" && typeof p.role === "string");
}

/** Read a build folder (`manifest.json` and its definition files). */
export function readBuildFolder(dir: string, label = dir): BuildSet {
  const manifestFile = path.join(dir, "manifest.json");
  if (!fs.existsSync(manifestFile)) throw new UserError(`${dir} has no manifest.json: give a folder that playbook-kit build wrote, a git ref, or a project folder.`);
  const manifest = readJson(manifestFile, "the manifest");
  if (!isObject(manifest) || !Array.isArray(manifest.playbooks)) throw new UserError(`${manifestFile} lists no playbooks: expected {"playbooks": [{"name", "file", …}]} as playbook-kit build writes it.`);
  const playbooks: BuiltPlaybook[] = [];
  for (const [i, entry] of manifest.playbooks.entries()) {
    if (!isObject(entry) || typeof entry.name !== "string") throw new UserError(`${manifestFile}: playbooks/${i} has no name.`);
    const file = typeof entry.file === "string" ? entry.file : `${entry.name}.definition.json`;
    if (path.isAbsolute(file) || file.split(/[\\/]/).includes("..")) throw new UserError(`${manifestFile}: playbooks/${i}/file must be a file inside the build folder, not ${file}.`);
    const definition = readJson(path.join(dir, file), `the definition of ${entry.name}`);
    playbooks.push({ name: entry.name, file, definition, permissions: manifestPermissions(entry.permissions) ?? requiredPermissions(definition) });
  }
  return { label, playbooks };
}
