/**
 * Every command in a ```sh block of README.md and docs/*.md runs verbatim. The convention: ```sh blocks are
 * runnable as written, from the repository root, offline; commands that need Azure, the Pulumi CLI, a git
 * history or a network go in ```text blocks with a note saying so.
 *
 * Each document runs in its own copy of the checkout (sources, examples, docs; `node_modules` and the built
 * `lib/` linked, `../shared` beside it), its blocks in order, each command in its own `sh -c`, so what a
 * command writes (dist/, …) cannot touch the checkout. A command must exit 0 and print no stack trace.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../support/cli";
import { REPO, SHARED } from "../support/paths";

/** The documents whose ```sh blocks are checked. */
const DOCS = ["README.md", ...fs.readdirSync(path.join(REPO, "docs")).filter((f) => f.endsWith(".md")).sort().map((f) => `docs/${f}`)];

/** Commands of the ```sh blocks of a Markdown text, in order: `\` continuations joined, blank and comment-only lines dropped. */
export function shCommands(markdown: string): string[] {
  const out: string[] = [];
  for (const block of markdown.matchAll(/^```sh\n([\s\S]*?)^```/gm)) {
    const joined = block[1]!.replace(/\s*\\\n\s*/g, " ");
    for (const line of joined.split("\n")) if (line.trim() !== "" && !line.trim().startsWith("#")) out.push(line.trim());
  }
  return out;
}

/** Top-level entries of the checkout not copied (linked instead, or not needed). */
const NOT_COPIED = new Set([".git", "node_modules", "lib", "dist"]);

/** A copy of the checkout to run one document's commands in, with `../shared` beside it. */
function sandbox(): string {
  const parent = tempDir("pk-docs-");
  const root = path.join(parent, "kit");
  fs.cpSync(REPO, root, { recursive: true, filter: (from) => !NOT_COPIED.has(path.relative(REPO, from).split(path.sep)[0]!) });
  fs.symlinkSync(path.join(REPO, "node_modules"), path.join(root, "node_modules"), "dir");
  fs.symlinkSync(path.join(REPO, "lib"), path.join(root, "lib"), "dir");
  fs.symlinkSync(SHARED, path.join(parent, "shared"), "dir");
  return root;
}

/** The environment of the commands: this run's npm and vitest variables removed, no colours. */
function env(): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { NO_COLOR: "1" };
  for (const [k, v] of Object.entries(process.env)) if (!/^(npm_|VITEST|NODE_OPTIONS$)/i.test(k)) out[k] = v;
  return out;
}

/** The exit code a command's comment announces (`# exits 1: …`), else 0. */
export function expectedExit(command: string): number {
  const said = /#.*\bexits (\d+)\b/.exec(command);
  return said ? Number(said[1]) : 0;
}

/**
 * Commands that install packages, build lib/ or run the whole suite: the copy shares node_modules and lib/ with
 * the checkout (an `npm ci` there empties the checkout's node_modules), and the suite would run this test again.
 * They go in ```text blocks; the pack test installs the kit the way an author does.
 */
const NOT_IN_SH = /^(npm (ci|install|i|test|start|run (-s )?build)\b|pulumi\b|az\b)/;

describe("shCommands", () => {
  it("takes only ```sh blocks, joins continuations and drops comment lines", () => {
    const md = "```sh\n# note\nnpx a --x \\\n  --y   # why\n\nnpx b\n```\n```text\npulumi up\n```\n```console\n$ npx c\n```\n";
    expect(shCommands(md)).toEqual(["npx a --x --y   # why", "npx b"]);
  });
});

describe.each(DOCS.filter((doc) => shCommands(fs.readFileSync(path.join(REPO, doc), "utf8")).length > 0))("the ```sh commands of %s", (doc) => {
  it("run verbatim from a copy of the checkout and exit 0", () => {
    const commands = shCommands(fs.readFileSync(path.join(REPO, doc), "utf8"));
    expect(commands.filter((c) => NOT_IN_SH.test(c)), `${doc}: these go in a \`\`\`text block (see the header of this test)`).toEqual([]);
    const root = sandbox();
    try {
      for (const command of commands) {
        const r = spawnSync("sh", ["-c", command], { cwd: root, encoding: "utf8", env: env(), timeout: 120_000 });
        const shown = `${doc}: ${command}\n--- stdout\n${r.stdout.slice(-2000)}\n--- stderr\n${r.stderr.slice(-2000)}`;
        expect(r.status, shown).toBe(expectedExit(command));
        expect(r.stderr, shown).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
      }
    } finally {
      fs.rmSync(path.dirname(root), { recursive: true, force: true });
    }
  }, 300_000);
});
