/**
 * Refuse what the service refuses. Before a run, the validator's save-time rules are applied to the document:
 * a definition the service would not save (Terminate in a loop, a nested InitializeVariable, …) never starts a
 * simulated run, so it can never print "Succeeded".
 */
import { validateDocument, type Diagnostic } from "../validators";
import { SimulationError } from "./errors";

/** Validator codes for what the service rejects when a definition is saved (issue 14, "refuse what the service refuses"). */
export const REFUSED_CODES: ReadonlySet<string> = new Set([
  "not-allowed-in-loop",
  "variable-init-nested",
  "response-in-parallel-branch",
  "foreach-sequential-with-repetitions",
  "nesting-too-deep",
  "run-after-other-scope",
]);

const cache = new WeakMap<object, Map<string, readonly Diagnostic[]>>();

/** The refused diagnostics of the workflow at `pointer` in `document` (cached by document identity). */
export function refusedDiagnostics(document: object, pointer: string): readonly Diagnostic[] {
  let byPointer = cache.get(document);
  if (!byPointer) {
    byPointer = new Map();
    for (const w of validateDocument(document).workflows) byPointer.set(w.pointer, w.diagnostics.filter((d) => d.severity === "error" && REFUSED_CODES.has(d.code)));
    cache.set(document, byPointer);
  }
  return byPointer.get(pointer) ?? [];
}

/** Throw `SimulationError` (`InvalidDefinition`, with the diagnostics) when the service would refuse the workflow. */
export function refuseInvalid(document: object, pointer: string): void {
  const found = refusedDiagnostics(document, pointer);
  if (found.length === 0) return;
  const lines = found.map((d) => `  ${d.pointer || "/"}: ${d.message} [${d.code}]`);
  throw new SimulationError(
    "InvalidDefinition",
    `The service would refuse to save this definition, so it cannot run (${found.length} problem${found.length > 1 ? "s" : ""}):\n${lines.join("\n")}`,
    found,
  );
}
