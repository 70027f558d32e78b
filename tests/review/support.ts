/** Helpers for review tests: write builds of real playbooks to folders, and edit a built definition. */
import * as fs from "node:fs";
import * as path from "node:path";
import { renderBuild, writeBuild } from "../../playbooks/build";
import { catalog, findCatalogEntry, type CatalogBuildOptions } from "../../playbooks/catalog";
import type { Playbook } from "../../playbooks/kit";
import { readBuildFolder, type BuildSet } from "../../review";
import { tempDir } from "../support/cli";

/** Build playbooks into a fresh folder (manifest.json and definitions), as `playbook-kit build` does. */
export function writeBuildOf(playbooks: readonly Playbook[], dir = tempDir("pk-review-")): string {
  writeBuild(dir, renderBuild(playbooks));
  return dir;
}

/** The catalog with default options, or with options per playbook. */
export function catalogPlaybooks(options: Record<string, CatalogBuildOptions> = {}): Playbook[] {
  return catalog.map((e) => e.create(options[e.name]));
}

/** A catalog playbook. */
export function catalogPlaybook(name: string, options?: CatalogBuildOptions): Playbook {
  return findCatalogEntry(name)!.create(options);
}

/** Read a build folder. */
export function readBuild(dir: string, label = path.basename(dir)): BuildSet {
  return readBuildFolder(dir, label);
}

/** Edit the definition of `name` in a build folder in place. */
export function editDefinition(dir: string, name: string, edit: (definition: any) => void): void {
  const file = path.join(dir, `${name}.definition.json`);
  const definition = JSON.parse(fs.readFileSync(file, "utf8"));
  edit(definition);
  fs.writeFileSync(file, `${JSON.stringify(definition, null, 2)}\n`);
}

/** Copy a build folder. */
export function copyBuild(dir: string): string {
  const out = tempDir("pk-review-");
  fs.cpSync(dir, out, { recursive: true });
  return out;
}
