/** Paths tests use: the repository, and ../shared beside it (corpus, schemas, reference). */
import * as fs from "node:fs";
import * as path from "node:path";
import { decodeText } from "../../validators/decode";
import { parseJsonText } from "../../validators/json-text";

/** Repository root. */
export const REPO = path.resolve(__dirname, "../..");
/** ../shared (CI lays it out the same way). */
export const SHARED = path.resolve(REPO, "../shared");
/** Real third-party definitions and MDE payloads. */
export const CORPUS = path.join(SHARED, "corpus");
/** More real third-party files (Defender for Cloud): comments, UTF-16, the "@" literal, real defects. */
export const CORPUS_EXTRA = path.join(SHARED, "corpus-extra");
/** ARM resource schemas (draft-04). */
export const SCHEMAS = path.join(SHARED, "schemas");
/** The compiled CLI entry (tests run `npm run build` first via `npm test`). */
export const CLI = path.join(REPO, "lib/cli/main.js");

/** Every JSON file under a folder, sorted, relative paths included. */
export function jsonFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of fs.readdirSync(d).sort()) {
      const p = path.join(d, name);
      if (fs.statSync(p).isDirectory()) walk(p);
      else if (name.endsWith(".json")) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/** The corpus data files (INDEX.json excluded). */
export function corpusFiles(): string[] {
  return jsonFiles(CORPUS).filter((f) => path.basename(f) !== "INDEX.json");
}

/** One INDEX.json entry (the fields tests use). */
export interface CorpusEntry {
  file: string;
  kind: "arm-template" | "definition" | "power-automate-flow" | "fixture";
  valid_json: boolean;
  valid_json_after_bom_strip: boolean | null;
  notes: string[];
  connectors: string[];
  action_types: string[];
  triggers: string[];
}

/** INDEX.json, parsed. */
export function corpusIndex(): CorpusEntry[] {
  return JSON.parse(fs.readFileSync(path.join(CORPUS, "INDEX.json"), "utf8")) as CorpusEntry[];
}

/** Read a JSON file as the CLI does: UTF-8 or UTF-16 (byte order mark accepted), `//` and `/* *\/` comments accepted. */
export function readJson(file: string): unknown {
  const parsed = parseJsonText(decodeText(fs.readFileSync(file)).text);
  if (!parsed.ok) throw new SyntaxError(`${file}: ${parsed.error.message} (line ${parsed.error.line}, column ${parsed.error.column})`);
  return parsed.value;
}

/** The corpus-extra data files (INDEX.json excluded). */
export function corpusExtraFiles(): string[] {
  return jsonFiles(CORPUS_EXTRA).filter((f) => path.basename(f) !== "INDEX.json");
}

/** One corpus-extra INDEX.json entry (the fields tests use). */
export interface CorpusExtraEntry {
  file: string;
  kind: "arm-template" | "definition" | "not-a-workflow";
  valid_json: boolean;
  bom: false | "utf-8" | "utf-16";
  notes: string[];
}

/** corpus-extra/INDEX.json, parsed. */
export function corpusExtraIndex(): CorpusExtraEntry[] {
  return JSON.parse(fs.readFileSync(path.join(CORPUS_EXTRA, "INDEX.json"), "utf8")) as CorpusExtraEntry[];
}
