/**
 * Render built playbooks to files: `<name>.definition.json` per playbook, `<name>.mmd` (Mermaid) and
 * `manifest.json`. Everything is rendered in memory first; files are written only when every playbook built,
 * each one atomically, so a failed build never leaves half-written output.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { requiredPermissions, type Permission } from "../operations";
import { toCanonicalJson, type Playbook } from "./kit";

/** One manifest entry (the contract of `manifest.json`). */
export interface ManifestEntry {
  name: string;
  file: string;
  description: string;
  connectors: string[];
  permissions: Permission[];
  parameters: string[];
}

/** `manifest.json`. */
export interface Manifest {
  playbooks: ManifestEntry[];
}

/** The manifest entry of a playbook; permissions are inferred from its definition, as the stacks grant them. */
export function manifestEntry(playbook: Playbook): ManifestEntry {
  return {
    name: playbook.name,
    file: `${playbook.name}.definition.json`,
    description: playbook.description,
    connectors: [...playbook.connectors],
    permissions: requiredPermissions(playbook.definition),
    parameters: [...playbook.parameterNames],
  };
}

/** Rendered output: relative file name → content, plus the manifest. */
export interface BuildOutput {
  files: Map<string, string>;
  manifest: Manifest;
}

/** Render playbooks to file contents. `diagram` renders the `.mmd` file when given. */
export function renderBuild(playbooks: readonly Playbook[], diagram?: (definition: unknown) => string): BuildOutput {
  const seen = new Set<string>();
  for (const p of playbooks) {
    if (seen.has(p.name)) throw new Error(`Two playbooks are named '${p.name}'; playbook names must be unique.`);
    seen.add(p.name);
  }
  const files = new Map<string, string>();
  const manifest: Manifest = { playbooks: [] };
  for (const p of playbooks) {
    const entry = manifestEntry(p);
    files.set(entry.file, p.render());
    if (diagram) files.set(`${p.name}.mmd`, diagram(p.definition));
    manifest.playbooks.push(entry);
  }
  files.set("manifest.json", toCanonicalJson(manifest));
  return { files, manifest };
}

function writeAtomic(file: string, content: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, content);
  fs.renameSync(tmp, file);
}

/** Files a previous build listed in its manifest (so stale ones can be removed). */
function previousFiles(outDir: string): string[] {
  try {
    const old = JSON.parse(fs.readFileSync(path.join(outDir, "manifest.json"), "utf8")) as Manifest;
    return old.playbooks.flatMap((e) => [e.file, `${e.name}.mmd`]).filter((f) => typeof f === "string" && !f.includes("/") && !f.includes("\\"));
  } catch {
    return [];
  }
}

/** Write rendered output; files of playbooks that a previous build wrote but this one did not are removed. */
export function writeBuild(outDir: string, output: BuildOutput): string[] {
  fs.mkdirSync(outDir, { recursive: true });
  const stale = previousFiles(outDir).filter((f) => !output.files.has(f));
  const written: string[] = [];
  for (const [name, content] of output.files) {
    const file = path.join(outDir, name);
    writeAtomic(file, content);
    written.push(file);
  }
  for (const f of stale) fs.rmSync(path.join(outDir, f), { force: true });
  return written;
}
