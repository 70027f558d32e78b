/** Configuration problems: each names the config key path concerned, and all of them are reported at once. */
import { escapeControl } from "../../errors";

/** The Pulumi config namespace of this project (`playbook-kit:<key>`). */
export const CONFIG_NAMESPACE = "playbook-kit";

/** One problem in an environment's configuration. */
export interface ConfigProblem {
  /** Config key path in Pulumi's `--path` syntax, e.g. `playbook-kit:notify.recipients[0]`. */
  path: string;
  /** What is wrong and what to do. */
  message: string;
  /** Stable kebab-case code, for the rules that have one (printed after the message). */
  code?: string;
}

/**
 * Invalid environment configuration; `message` lists the problems, one per line (the first
 * `LISTED_PROBLEMS`; `problems` holds all of them).
 */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
  constructor(
    readonly problems: ConfigProblem[],
    /** What was read, e.g. `Pulumi.dev.yaml`; used in the first line of the message. */
    readonly source = "The playbook-kit configuration",
    /** CLI exit code: 2 when the environment itself is unknown (a usage error), 1 for problems in its config. */
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(formatProblems(problems, source));
  }
}

/** How many problems a message lists; a generated config with 100,000 bad entries should not print 100,000 lines. */
export const LISTED_PROBLEMS = 100;

/** One readable block: a heading line, then `  - <path>: <message>` per problem (at most `LISTED_PROBLEMS`). */
export function formatProblems(problems: readonly ConfigProblem[], source: string): string {
  const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
  const listed = problems.slice(0, LISTED_PROBLEMS).map((p) => `  - ${escapeControl(p.path)}: ${escapeControl(p.message)}${p.code ? ` [${p.code}]` : ""}`);
  const rest = problems.length - listed.length;
  return [`${escapeControl(source)} has ${count}:`, ...listed, ...(rest > 0 ? [`  … and ${rest} more problem${rest === 1 ? "" : "s"}`] : [])].join("\n");
}

const PLAIN_SEGMENT = /^[A-Za-z0-9_$-]+$/;

/** Config key path from segments (`["notify", "recipients", 0]` → `playbook-kit:notify.recipients[0]`). */
export function keyPath(segments: readonly (string | number)[]): string {
  let out = `${CONFIG_NAMESPACE}:`;
  segments.forEach((s, i) => {
    if (typeof s === "number") out += `[${s}]`;
    else if (i === 0) out += s;
    else if (PLAIN_SEGMENT.test(s)) out += `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
  });
  return out;
}

/** Collects problems, dropping exact duplicates, in the order found. */
export class Problems {
  private readonly list: ConfigProblem[] = [];
  private readonly seen = new Set<string>();

  /** Add a problem at a path given as segments (with its stable code, when the rule has one). */
  add(segments: readonly (string | number)[], message: string, code?: string): void {
    this.addAt(keyPath(segments), message, code);
  }

  /** Add a problem at a ready-made path. */
  addAt(path: string, message: string, code?: string): void {
    const key = `${path}\u0000${message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.list.push(code === undefined ? { path, message } : { path, message, code });
  }

  /** True when a problem was recorded at this path or below it. */
  hasAt(segments: readonly (string | number)[]): boolean {
    const p = keyPath(segments);
    return this.list.some((x) => x.path === p || x.path.startsWith(`${p}.`) || x.path.startsWith(`${p}[`));
  }

  get size(): number {
    return this.list.length;
  }

  /** The problems, grouped by key path (sorted; problems at one path keep the order found). */
  all(): ConfigProblem[] {
    return [...this.list].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  /** Throw a ConfigError when any problem was recorded. */
  throwIfAny(source?: string): void {
    if (this.list.length) throw new ConfigError(this.all(), source);
  }
}

/** Warnings as lines for stderr: `<source>: warning: <path>: <message> [code]`, control characters escaped. */
export function formatWarnings(warnings: readonly ConfigProblem[], source: string): string {
  return warnings.map((w) => `${escapeControl(source)}: warning: ${escapeControl(w.path)}: ${escapeControl(w.message)}${w.code ? ` [${w.code}]` : ""}`).join("\n");
}
