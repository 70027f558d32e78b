/**
 * Emit with lifting, then prove it: the generated file is rebuilt in memory and compared with the source. A read
 * the builder cannot place (a step reading a handle of a step that, by the builder's rules, cannot have run
 * before it) blocks handles in that step and the file is emitted again; anything else that does not round-trip
 * falls back to the faithful form without lifting. Faithful first: lifting never costs an exact round trip.
 */
import { BuildError } from "../playbooks/kit";
import { compareDefinitions, type Difference } from "./compare";
import { emitPlaybook, type EmittedPlaybook, type PlaybookSource } from "./emit/playbook";
import { rebuild } from "./rebuild";

/** The emitted file, its round-trip differences, and whether lifting survived. */
export interface VerifiedEmit {
  emitted: EmittedPlaybook;
  differences: Difference[];
  /** False when the file fell back to the unlifted form. */
  lifted: boolean;
  /** Steps whose expressions read no handles (the builder could not place their reads). */
  blocked: string[];
}

const MAX_ATTEMPTS = 12;

/** The rebuilt definition's differences from `expected`, or the error the build threw. */
function check(text: string, expected: unknown): { differences: Difference[]; error?: unknown } {
  try {
    return { differences: compareDefinitions(expected, rebuild(text).definition) };
  } catch (error) {
    return { differences: [{ pointer: "", source: "(the source definition)", built: `the generated file does not build: ${(error as Error).message}` }], error };
  }
}

/** The step a BuildError is about (the last segment of its path). */
function stepOf(error: unknown): string | undefined {
  if (!(error instanceof BuildError) || !error.path || !/^(step-not-yet-run|item-outside-loop)$/.test(error.code)) return undefined;
  return error.path.split(" › ").pop();
}

/** Emit `source` as typed as the round trip allows; `expected` is the definition the build must give back. */
export function emitVerified(source: PlaybookSource, expected: unknown = source.definition): VerifiedEmit {
  const blocked = new Set<string>();
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const emitted = emitPlaybook(source, { blocked });
    const result = check(emitted.text, expected);
    if (result.differences.length === 0) return { emitted, differences: [], lifted: true, blocked: [...blocked] };
    const step = stepOf(result.error);
    if (step === undefined || blocked.has(step)) break;
    blocked.add(step);
  }
  const emitted = emitPlaybook(source, { lift: false });
  return { emitted, differences: check(emitted.text, expected).differences, lifted: false, blocked: [] };
}
