/**
 * The workflows of the files `import` is given, read and detected exactly as `validate` reads them
 * (`validators/files`, `decode`, `json-text`, `detect`), each with the validator's findings on the source.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { notRegularFile, UserError } from "../errors";
import { armCallArgs, detect, isArmExpression, managedApiName, type ConnectionValues, type WorkflowTarget } from "../validators/detect";
import { decodeText } from "../validators/decode";
import { appParameters, collectFiles, fallbackName } from "../validators/files";
import { validateText } from "../validators/index";
import { parseJsonText } from "../validators/json-text";
import { isObject, type Obj } from "../wdl/walk";

/** One workflow found in an input file. */
export interface SourceWorkflow {
  /** The path as given (a file named, or found under a directory named). */
  source: string;
  /** JSON pointer of the definition's container in the source (`""` for a bare definition). */
  pointer: string;
  /** Pointer of the definition itself. */
  definitionPointer: string;
  /** The workflow's name (an ARM `[parameters('x')]` name resolved to the parameter's default when it has one). */
  workflowName: string;
  /** The file name without `.json` (or the folder of a `workflow.json`). */
  fallback: string;
  kind: string;
  /** Inside an ARM template (`[…]` strings are template expressions, kept as written). */
  arm: boolean;
  definition: unknown;
  /** The validator's findings on this workflow, one line each. */
  findings: string[];
  /** `$connections` key (lower-cased) → managed API, from the connection values the document carries. */
  apis: Map<string, string>;
  /** The connection values the document carries (`$connections` value or default value, connection references). */
  connections?: ConnectionValues;
}

/** The container of a definition: its pointer with the last `/definition` token removed. */
function containerPointer(pointer: string): string {
  return pointer === "" ? "" : pointer.replace(/\/definition$/, "");
}

/** `[parameters('x')]` → the default value of template parameter x, when it is a plain string. */
function armName(name: string, template: unknown): string {
  if (!isArmExpression(name) || !isObject(template) || !isObject(template.parameters)) return name;
  const args = armCallArgs(name.slice(1, -1), "parameters");
  const param = args?.length === 1 ? /^'(.*)'$/.exec(args[0]!)?.[1] : undefined;
  const decl = param !== undefined ? (template.parameters as Obj)[param] : undefined;
  return isObject(decl) && typeof decl.defaultValue === "string" && !isArmExpression(decl.defaultValue) ? decl.defaultValue : name;
}

/** `$connections` key → managed API, from `$connections` values or connection references (`id` or `api.name`). */
function connectionApis(connections: WorkflowTarget["connections"]): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, entry] of connections?.entries ?? []) {
    const v = entry.value;
    const api = isObject(v) ? (managedApiName(v.id) ?? (isObject(v.api) ? managedApiName(v.api.id) ?? managedApiName(`/apis/${String(v.api.name)}`) : undefined)) : undefined;
    if (api) out.set(key, api);
  }
  return out;
}

/** The workflows of one file. A file that is no workflow document gives none (`named` files: a UserError). */
export function readWorkflows(file: string, named: boolean): SourceWorkflow[] {
  const refused = notRegularFile(file);
  if (refused) throw new UserError(`cannot read ${file}: ${refused}`);
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    throw new UserError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const { text } = decodeText(bytes);
  const parsed = parseJsonText(text);
  if (!parsed.ok) {
    if (!named) return [];
    throw new UserError(`${file} is not valid JSON (line ${parsed.error.line}, column ${parsed.error.column}): ${parsed.error.message}`);
  }
  const fallback = fallbackName(file);
  const detection = detect(parsed.value, fallback, path.basename(file));
  if (!detection.kind) {
    if (!named) return [];
    throw new UserError(`${file} is not a workflow: expected a definition, a workflow resource, an ARM template, a Power Automate flow or a Standard workflow.json`);
  }
  const { report } = validateText(text, { name: fallback, fileName: path.basename(file), appParameters: appParameters(file) });
  return detection.targets.map((target) => {
    const findings = (report.workflows.find((w) => w.pointer === target.pointer)?.diagnostics ?? []).map((d) => `${d.severity} ${d.code} at ${d.pointer || "/"}: ${d.message}`);
    return {
      source: file,
      pointer: containerPointer(target.pointer),
      definitionPointer: target.pointer,
      workflowName: armName(target.name, target.armContext?.template),
      fallback,
      kind: detection.kind!,
      arm: target.arm,
      definition: target.definition,
      findings,
      apis: connectionApis(target.connections),
      ...(target.connections ? { connections: target.connections } : {}),
    };
  });
}

/** Every workflow of the given paths, directories walked as `validate` walks them. */
export function readSources(paths: readonly string[]): SourceWorkflow[] {
  return collectFiles(paths).flatMap(({ file, walked }) => readWorkflows(file, !walked));
}
