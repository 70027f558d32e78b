/**
 * Where in the author's TypeScript a step was placed, for errors found after the build function returned
 * (secrets that cannot be hidden, steps read before they run). Sites are recorded only by the second build that
 * locates such an error (`buildPlaybook`), and V8 formats a captured stack only when `location` is read.
 */
import * as path from "node:path";

/** Frames of the kit itself (source or compiled), which never name the author's line. */
const KIT_FRAME = /[\\/]playbooks[\\/](kit|connectors)[\\/][^\\/]+\.[cm]?[jt]s:\d+:\d+\)?$/;

/** A captured call site. */
export class Site {
  private readonly holder: { stack?: string } = {};
  private memo: string | null | undefined;

  constructor() {
    Error.captureStackTrace(this.holder, Site);
  }

  /** `file:line:col` of the first frame outside the kit (relative to the working folder when inside it), if any. */
  get location(): string | undefined {
    if (this.memo === undefined) this.memo = firstAuthorFrame(this.holder.stack ?? "") ?? null;
    return this.memo ?? undefined;
  }
}

/** The first stack frame that is neither the kit's nor Node's, as `file:line:col`. */
export function firstAuthorFrame(stack: string): string | undefined {
  for (const line of stack.split("\n").slice(1)) {
    const m = /^\s*at (?:.*? \()?(.+?):(\d+):(\d+)\)?$/.exec(line);
    if (!m || KIT_FRAME.test(line)) continue;
    let file = m[1]!;
    if (file.startsWith("node:") || file === "<anonymous>" || /[\\/]node_modules[\\/](tsx|vitest|@vitest)[\\/]/.test(file)) continue;
    if (file.startsWith("file://")) file = new URL(file).pathname;
    const rel = path.relative(process.cwd(), file);
    return `${rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : file}:${m[2]}:${m[3]}`;
  }
  return undefined;
}
