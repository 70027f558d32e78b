/**
 * Render validation results of several files: the `json` report (exact shape from issue 3), SARIF 2.1.0 for
 * GitHub code scanning, and `file:line:col severity code message` text grouped per workflow.
 */
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import type { InputKind } from "./detect";
import type { Diagnostic } from "./diagnostic";
import type { DocumentReport } from "./index";
import type { JsonPositions } from "./json-text";
import { RULES } from "./rules";
import { escapeControl } from "../errors";

/** One validated file. */
export interface FileResult {
  /** The path as shown to the user. */
  file: string;
  kind: InputKind;
  workflows: DocumentReport["workflows"];
  /** Positions in the file's text, computed on demand. */
  positions: () => JsonPositions;
}

/** Totals over all files. */
export interface Summary {
  files: number;
  workflows: number;
  errors: number;
  warnings: number;
}

/** Count files, workflows, errors and warnings. */
export function summarize(files: readonly FileResult[]): Summary {
  const summary: Summary = { files: files.length, workflows: 0, errors: 0, warnings: 0 };
  for (const f of files) {
    summary.workflows += f.workflows.length;
    for (const w of f.workflows) {
      for (const d of w.diagnostics) {
        if (d.severity === "error") summary.errors++;
        else summary.warnings++;
      }
    }
  }
  return summary;
}

const indexed = new WeakSet<JsonPositions>();

/** Line and column of a diagnostic in its file (the file's pointers are indexed in one pass on first use). */
export function locate(file: FileResult, d: Diagnostic): { line: number; column: number } {
  if (d.line !== undefined && d.column !== undefined) return { line: d.line, column: d.column };
  const positions = file.positions();
  if (!indexed.has(positions)) {
    indexed.add(positions);
    positions.index(file.workflows.flatMap((w) => w.diagnostics.map((x) => x.pointer)));
  }
  return positions.locate(d.pointer, d.offset);
}

/** The `--format json` report: exactly `{files:[{file,kind,workflows:[{name,diagnostics}]}],summary}`. */
export function formatJson(files: readonly FileResult[]): string {
  const report = {
    files: files.map((f) => ({
      file: f.file,
      kind: f.kind,
      workflows: f.workflows.map((w) => ({
        name: w.name,
        diagnostics: w.diagnostics.map((d) => {
          const out: Record<string, unknown> = { code: d.code, severity: d.severity, pointer: d.pointer, message: d.message };
          if (d.code === "json-syntax") {
            out.line = d.line;
            out.column = d.column;
          }
          return out;
        }),
      })),
    })),
    summary: summarize(files),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** Options for text output. */
export interface TextOptions {
  color: boolean;
}

/** `file:line:col severity code message`, one group per workflow that has findings, then a summary line. */
export function formatText(files: readonly FileResult[], options: TextOptions): string {
  const paint = (code: string, text: string) => (options.color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const lines: string[] = [];
  for (const f of files) {
    for (const w of f.workflows) {
      if (!w.diagnostics.length) continue;
      lines.push(paint("1", escapeControl(`${f.file} › ${w.name} (${f.kind})`)));
      for (const d of w.diagnostics) {
        const { line, column } = locate(f, d);
        const severity = d.severity === "error" ? paint("31", "error") : paint("33", "warning");
        lines.push(`  ${escapeControl(f.file)}:${line}:${column} ${severity} ${paint("2", escapeControl(d.code))} ${escapeControl(d.message)}`);
      }
      lines.push("");
    }
  }
  const s = summarize(files);
  const counts = `${s.errors} error${s.errors === 1 ? "" : "s"}, ${s.warnings} warning${s.warnings === 1 ? "" : "s"} in ${s.files} file${s.files === 1 ? "" : "s"} (${s.workflows} workflow${s.workflows === 1 ? "" : "s"})`;
  lines.push(s.errors ? paint("31", counts) : s.warnings ? paint("33", counts) : paint("32", counts));
  return `${lines.join("\n")}\n`;
}

/** A SARIF artifact location: relative to the working directory when inside it, else a file URI. */
function artifactLocation(file: string, cwd: string): { uri: string; uriBaseId?: string } {
  const absolute = path.resolve(cwd, file);
  const relative = path.relative(cwd, absolute);
  if (relative && !relative.startsWith("..") && !path.isAbsolute(relative)) {
    return { uri: relative.split(path.sep).map(encodeURIComponent).join("/"), uriBaseId: "%SRCROOT%" };
  }
  return { uri: pathToFileURL(absolute).href };
}

/** SARIF 2.1.0: rule ids are the codes; every result has a physical location with line and column. */
export function formatSarif(files: readonly FileResult[], cwd: string = process.cwd()): string {
  const { createHash } = require("node:crypto") as typeof import("node:crypto"); // only SARIF needs it
  const ruleIndex = new Map(RULES.map((r, i) => [r.code, i]));
  const results: unknown[] = [];
  for (const f of files) {
    const location = artifactLocation(f.file, cwd);
    for (const w of f.workflows) {
      for (const d of w.diagnostics) {
        const { line, column } = locate(f, d);
        const fingerprint = createHash("sha256").update(`${location.uri}\u0000${w.name}\u0000${d.code}\u0000${d.pointer}`).digest("hex").slice(0, 32);
        results.push({
          ruleId: d.code,
          ...(ruleIndex.has(d.code) ? { ruleIndex: ruleIndex.get(d.code) } : {}),
          level: d.severity,
          message: { text: d.message },
          locations: [
            {
              physicalLocation: { artifactLocation: location, region: { startLine: line, startColumn: column } },
              logicalLocations: [{ name: w.name, fullyQualifiedName: `${w.name}${d.pointer}`, kind: "object" }],
            },
          ],
          partialFingerprints: { "workflowPointer/v1": fingerprint },
          properties: { pointer: d.pointer, workflow: w.name, kind: f.kind },
        });
      }
    }
  }
  const sarif = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "playbook-kit validate",
            rules: RULES.map((r) => ({
              id: r.code,
              name: r.code.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase()),
              shortDescription: { text: r.summary },
              fullDescription: { text: r.summary },
              help: { text: `${r.summary} Fix: ${r.fix}`, markdown: `${r.summary}\n\n**How to fix:** ${r.fix}` },
              defaultConfiguration: { level: r.severity },
            })),
          },
        },
        columnKind: "utf16CodeUnits",
        results,
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
