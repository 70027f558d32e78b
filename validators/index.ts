/**
 * `validate`: schema, expression and semantic checks for workflow definitions, workflow resources, ARM
 * templates, Power Automate flows and Logic Apps Standard workflow.json files. It never throws on bad input:
 * every problem, including a rule that fails, is a diagnostic.
 */
import { isObject, nonFiniteNumberPointers } from "../wdl/walk";
import { detect, type InputKind, isArmExpression, type WorkflowTarget } from "./detect";
import { decodeText } from "./decode";
import { limitDepth } from "./depth";
import type { Diagnostic } from "./diagnostic";
import { duplicateKeyDiagnostics } from "./duplicate-keys";
import { JsonPositions, parseJsonText } from "./json-text";
import { buildModel } from "./model";
import { SEMANTIC_RULES } from "./rules";
import { schemaDiagnostics } from "./schema";

export type { Diagnostic, Severity } from "./diagnostic";
export { countSeverities } from "./diagnostic";
export type { InputKind } from "./detect";
export { RULES, ruleInfo } from "./rules";
export type { RuleInfo } from "./rules/rule";
export { JsonPositions, parseJsonText } from "./json-text";

/** Options for `validate` and `validateDocument`. */
export interface ValidateOptions {
  /** Name for a workflow whose document does not name it (bare definition, flow file, workflow.json). */
  name?: string;
  /** Base name of the file the document was read from: a bare definition in a `workflow.json` is read as Logic Apps Standard. */
  fileName?: string;
  /**
   * Logic Apps Standard: the parameter names of the app's `parameters.json`. With them, `parameters('x')` in a
   * Standard workflow is checked against the app's parameters (a warning, `parameter-not-in-app`).
   */
  appParameters?: readonly string[];
}

/** The diagnostics of one workflow in a document. */
export interface WorkflowReport {
  /** The ARM resource name as written, the resource `name`, or `options.name`. */
  name: string;
  /** Pointer of the definition in the document. */
  pointer: string;
  diagnostics: Diagnostic[];
}

/** The result for one document. */
export interface DocumentReport {
  kind: InputKind;
  workflows: WorkflowReport[];
}

/** Validate a document and return every diagnostic of every workflow in it (pointers into the document). */
export function validate(input: unknown, options: ValidateOptions = {}): Diagnostic[] {
  return validateDocument(input, options).workflows.flatMap((w) => w.diagnostics);
}

/**
 * Validate a document, grouping diagnostics per workflow. A string is read as JSON text, bytes (a Buffer or
 * Uint8Array) as a file's content. Never throws.
 */
export function validateDocument(input: unknown, options: ValidateOptions = {}): DocumentReport {
  const name = options.name ?? "definition";
  if (typeof input === "string") return validateText(input, options).report;
  if (input instanceof Uint8Array) return validateBytes(input, options).report;
  try {
    const limited = limitDepth(input);
    return withDepthFindings(validateWithinDepth(limited.input, name, options), limited.diagnostics);
  } catch (error) {
    return { kind: "definition", workflows: [{ name, pointer: "", diagnostics: [internalError("document", error, "")] }] };
  }
}

/** Put each `json-too-deep` (or other document-level) finding in the workflow it sits in (the first workflow when it is in none). */
function withDepthFindings(report: DocumentReport, findings: readonly Diagnostic[]): DocumentReport {
  for (const d of findings) {
    const home = report.workflows.find((w) => w.pointer !== "" && (d.pointer === w.pointer || d.pointer.startsWith(`${w.pointer}/`))) ?? report.workflows[0];
    home?.diagnostics.unshift(d);
  }
  return report;
}

/** `validateDocument` on a document within the depth bound. */
function validateWithinDepth(input: unknown, name: string, options: ValidateOptions): DocumentReport {
  const detection = detect(input, name, options.fileName);
  if (!detection.kind) {
    return {
      kind: "definition",
      workflows: [
        {
          name,
          pointer: "",
          diagnostics: [
            {
              code: "unknown-document",
              severity: "error",
              pointer: "",
              message: `This JSON is not a workflow: expected a definition (with triggers/actions), a workflow resource (properties.definition), an ARM template (resources), a Power Automate flow or a Standard workflow.json ({definition, kind}); found ${describeTop(input)}.`,
            },
          ],
        },
      ],
    };
  }
  if (options.appParameters) {
    const app = new Map(options.appParameters.map((n) => [n.toLowerCase(), n]));
    for (const target of detection.targets) if (target.flavor === "standard") target.appParameters = app;
  }
  const order = documentOrder(input);
  return {
    kind: detection.kind,
    workflows: detection.targets.map((target) => ({
      name: target.name,
      pointer: target.pointer,
      diagnostics: sortByDocument(validateTarget(target), order),
    })),
  };
}

/**
 * Validate JSON text (a byte order mark and `//` or `/* *\/` comments are accepted). Invalid JSON gives kind
 * `invalid-json` and one `json-syntax`.
 */
export function validateText(text: string, options: ValidateOptions = {}): { report: DocumentReport; positions: () => JsonPositions } {
  const parsed = parseJsonText(text);
  let positions: JsonPositions | undefined;
  const lazyPositions = () => (positions ??= new JsonPositions(parsed.text));
  if (!parsed.ok) {
    const { message, line, column } = parsed.error;
    return {
      report: {
        kind: "invalid-json",
        workflows: [
          {
            name: options.name ?? "definition",
            pointer: "",
            diagnostics: [{ code: "json-syntax", severity: "error", pointer: "", message: `Invalid JSON at line ${line}, column ${column}: ${message}.`, line, column }],
          },
        ],
      },
      positions: lazyPositions,
    };
  }
  const report = validateDocument(parsed.value, options);
  // Not for a file that is no workflow at all (a tsconfig.json in a walked folder): that one is skipped, not warned.
  const notAWorkflow = report.workflows.some((w) => w.diagnostics.some((d) => d.code === "unknown-document"));
  const textFindings = [...duplicateKeyDiagnostics(parsed.text, parsed.value), ...numbersOutOfRange(parsed.value)];
  if (textFindings.length && !notAWorkflow) withDepthFindings(report, textFindings.reverse()); // unshifted: reversed to stay in document order
  if (parsed.comment && report.kind !== "arm-template" && report.workflows.length && !notAWorkflow) {
    report.workflows[0]!.diagnostics.unshift(commentsOutsideArm(report.kind, parsed.comment));
  }
  return { report, positions: lazyPositions };
}

/**
 * `json-number-out-of-range`: a number beyond ±Double.MaxValue (`1e999`) that JSON.parse read as Infinity; it has
 * no JSON form (the simulator printed it as null). UNCONFIRMED what the service makes of it: nothing documents it.
 */
function numbersOutOfRange(value: unknown): Diagnostic[] {
  return nonFiniteNumberPointers(value).map((pointer) => ({
    code: "json-number-out-of-range",
    severity: "error",
    pointer,
    message: `The number at ${pointer || "/"} is outside the range of a double (±1.7976931348623157E+308): parsers read it as Infinity, which has no JSON form. Write it as a string, or make it smaller.`,
  }));
}

/**
 * Validate a file's bytes: decoded as `decodeText` does (UTF-8, UTF-16 with or without a byte order mark), then
 * as `validateText`. Bytes that are not valid UTF-8 add an `invalid-utf8` error at the first of them.
 */
export function validateBytes(bytes: Uint8Array, options: ValidateOptions = {}): { report: DocumentReport; positions: () => JsonPositions } {
  const decoded = decodeText(bytes);
  const result = validateText(decoded.text, options);
  if (decoded.invalid && result.report.workflows.length) {
    const before = decoded.text.slice(0, decoded.invalid.offset);
    const line = before.split("\n").length;
    const column = decoded.invalid.offset - (before.lastIndexOf("\n") + 1) + 1;
    result.report.workflows[0]!.diagnostics.unshift({
      code: "invalid-utf8",
      severity: "error",
      pointer: "",
      line,
      column,
      message: `The file is not valid UTF-8: the bytes at line ${line}, column ${column} (and any later ones) were read as U+FFFD, so their text is lost. Re-save the file as UTF-8 (it was probably written as Latin-1 or Windows-1252).`,
    });
  }
  return result;
}

/**
 * `json-comments`: ARM documents comments in templates; nothing documents them for a definition, a workflow
 * resource, a flow file or a Standard workflow.json uploaded as is.
 */
function commentsOutsideArm(kind: InputKind, at: { line: number; column: number }): Diagnostic {
  const what = kind === "power-automate-flow" ? "a Power Automate flow" : kind === "workflow" ? "a workflow file" : "a bare definition";
  return {
    code: "json-comments",
    severity: "warning",
    pointer: "",
    message: `This file has comments (the first at line ${at.line}, column ${at.column}). ARM accepts them in deployment templates, but this is ${what}, not an ARM template, and no documentation says the Logic Apps API, the designer's code view or a flow import accepts them: remove them before uploading this file as it is.`,
    line: at.line,
    column: at.column,
  };
}

function describeTop(input: unknown): string {
  if (input === null) return "null";
  if (Array.isArray(input)) return "an array";
  if (typeof input !== "object") return `a ${typeof input}`;
  const keys = Object.keys(input);
  return keys.length ? `an object with ${keys.slice(0, 5).map((k) => `'${k}'`).join(", ")}${keys.length > 5 ? ", …" : ""}` : "an empty object";
}

function internalError(rule: string, error: unknown, pointer: string): Diagnostic {
  const why = error instanceof Error ? error.message : String(error);
  return { code: "internal-error", severity: "error", pointer, message: `The ${rule} check failed on this input (${why}); please report it. Other findings are still valid.` };
}

/** All diagnostics of one workflow target. */
function validateTarget(target: WorkflowTarget): Diagnostic[] {
  const definition = target.definition;
  if (!isObject(definition)) {
    if (target.armContext && (definition === undefined || isArmExpression(definition))) {
      const pointer = definition === undefined ? (isObject(target.resource?.properties) ? `${target.resourcePointer}/properties` : target.resourcePointer!) : target.pointer;
      return [
        {
          code: "definition-not-inline",
          severity: "warning",
          pointer,
          message:
            definition === undefined
              ? "This workflow resource has no properties.definition, so there is nothing to check: inline the definition."
              : `The definition is the ARM expression ${definition}, so its content cannot be checked here: inline it, or validate its source file.`,
        },
      ];
    }
  }
  const out: Diagnostic[] = [];
  try {
    out.push(...schemaDiagnostics(definition, target));
  } catch (error) {
    out.push(internalError("schema", error, target.pointer));
  }
  if (!isObject(definition)) return out;
  let model;
  try {
    model = buildModel(target, definition);
  } catch (error) {
    out.push(internalError("model", error, target.pointer));
    return out;
  }
  for (const rule of SEMANTIC_RULES) {
    try {
      rule.check(model, (pointer, message, offset) => {
        const d: Diagnostic = { code: rule.code, severity: rule.severity, pointer, message };
        if (offset !== undefined) d.offset = offset;
        out.push(d);
      });
    } catch (error) {
      out.push(internalError(`'${rule.code}'`, error, target.pointer));
    }
  }
  return out;
}

/** Compare pointers by where they sit in the document (key order as written). */
function documentOrder(doc: unknown): (a: string, b: string) => number {
  const keyIndex = new WeakMap<object, Map<string, number>>();
  const indexOf = (container: object, token: string): number => {
    if (Array.isArray(container)) return Number(token);
    let map = keyIndex.get(container);
    if (!map) {
      map = new Map(Object.keys(container).map((k, i) => [k, i]));
      keyIndex.set(container, map);
    }
    return map.get(token) ?? Number.MAX_SAFE_INTEGER;
  };
  const unescape = (t: string) => t.replace(/~1/g, "/").replace(/~0/g, "~");
  return (a, b) => {
    if (a === b) return 0;
    const ta = a === "" ? [] : a.slice(1).split("/").map(unescape);
    const tb = b === "" ? [] : b.slice(1).split("/").map(unescape);
    let node: unknown = doc;
    for (let i = 0; i < Math.min(ta.length, tb.length); i++) {
      if (ta[i] !== tb[i]) {
        if (node === null || typeof node !== "object") return ta[i]! < tb[i]! ? -1 : 1;
        const d = indexOf(node, ta[i]!) - indexOf(node, tb[i]!);
        return d !== 0 ? d : ta[i]! < tb[i]! ? -1 : 1;
      }
      node = node !== null && typeof node === "object" ? (node as Record<string, unknown>)[ta[i]!] : undefined;
    }
    return ta.length - tb.length;
  };
}

function sortByDocument(diagnostics: Diagnostic[], order: (a: string, b: string) => number): Diagnostic[] {
  return diagnostics.length < 2 ? diagnostics : [...diagnostics].sort((x, y) => order(x.pointer, y.pointer));
}
