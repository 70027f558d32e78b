/**
 * Every workflow of ../shared/corpus and ../shared/corpus-extra imports; the generated files type-check under
 * strict settings (one Program for all of them) and build; every one round-trips exactly. Prints the typed
 * coverage of ApiConnection actions whose connector the kit declares.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importPlaybooks, rebuild, type ImportResult } from "../../importer";
import { typeCheck } from "../../project";
import { CORPUS, CORPUS_EXTRA } from "../support/paths";

let result: ImportResult;
let dir: string;

beforeAll(() => {
  result = importPlaybooks([CORPUS, CORPUS_EXTRA]);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "pk-import-corpus-"));
  for (const f of result.files) fs.writeFileSync(path.join(dir, f.file), f.text);
});

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("import: the corpus", () => {
  it("imports every workflow of both corpora (147), one file each", () => {
    expect(result.report.playbooks.length).toBe(147);
    expect(result.files.length).toBe(147);
    expect(new Set(result.files.map((f) => f.file)).size).toBe(147);
    for (const p of result.report.playbooks) expect(p.notes.filter((n) => n.startsWith("not imported"))).toEqual([]);
  });

  it("round-trips every one exactly", () => {
    const differing = result.report.playbooks.filter((p) => p.roundTrip !== "exact").map((p) => `${p.source}#${p.pointer}: ${p.notes.find((n) => n.startsWith("round trip")) ?? ""}`);
    expect(differing).toEqual([]);
  });

  it("writes no line longer than 120 characters", () => {
    const long = result.files.flatMap((f) => f.text.split("\n").filter((l) => [...l].length > 120).map((l) => `${f.file}: ${l.slice(0, 60)}…`));
    expect(long).toEqual([]);
  });

  it("writes files that type-check under strict settings and build to the report's definition", () => {
    const files = result.files.map((f) => path.join(dir, f.file));
    const { problems } = typeCheck(files, { root: dir });
    expect(problems.slice(0, 5).map((p) => `${path.basename(p.file)}:${p.line}:${p.column} ${p.message}`)).toEqual([]);
    for (const f of result.files.slice(0, 3)) expect(rebuild(fs.readFileSync(path.join(dir, f.file), "utf8")).name).toBe(f.file.replace(/\.ts$/, ""));
  }, 120_000);

  it("lifts expressions and containers to builder code, and says how many stayed raw", () => {
    const sum = { exprLifted: 0, exprPartial: 0, exprRaw: 0, containersTyped: 0, containersRaw: 0 };
    for (const d of result.details) for (const k of Object.keys(sum) as (keyof typeof sum)[]) sum[k] += d.stats[k];
    const exprs = sum.exprLifted + sum.exprPartial + sum.exprRaw;
    const containers = sum.containersTyped + sum.containersRaw;
    const pct = (n: number, of: number) => `${((100 * n) / of).toFixed(1)}%`;
    console.log(
      `import lifting: expressions ${sum.exprLifted} lifted, ${sum.exprPartial} partly (raw parts), ${sum.exprRaw} raw of ${exprs} (${pct(sum.exprLifted, exprs)} lifted); ` +
        `containers ${sum.containersTyped} builder control flow, ${sum.containersRaw} flow.container of ${containers} (${pct(sum.containersTyped, containers)})`,
    );
    const typedActions = result.report.playbooks.reduce((n, p) => n + p.typed, 0);
    const rawActions = result.report.playbooks.reduce((n, p) => n + p.raw, 0);
    console.log(`import actions: ${typedActions} builder steps, ${rawActions} flow.action/flow.container of ${typedActions + rawActions} (${pct(typedActions, typedActions + rawActions)})`);
    expect(typedActions / (typedActions + rawActions)).toBeGreaterThanOrEqual(0.8);
    // No file had to fall back to the unlifted form to keep its round trip exact.
    expect(result.details.filter((d) => !d.lifted).length).toBe(0);
    // Floors (measured 2,348 / 2,506 expressions and 302 / 414 containers): lifting must not silently regress.
    expect(sum.exprLifted / exprs).toBeGreaterThanOrEqual(0.9);
    expect(sum.containersTyped / containers).toBeGreaterThanOrEqual(0.72);
  });

  it("reports the typed coverage of ApiConnection actions whose connector the kit declares", () => {
    const declared = result.details.reduce((n, d) => n + d.apiDeclared, 0);
    const typed = result.details.reduce((n, d) => n + d.apiTyped, 0);
    const share = declared ? (100 * typed) / declared : 0;
    console.log(`import typed coverage: ${typed}/${declared} ApiConnection actions of declared connectors became typed calls (${share.toFixed(1)}%)`);
    // 151 actions on wdatp, azuresentinel, office365 and teams. The two left raw are Teams "Post a message (V3)" calls
    // whose path is an ARM [concat(…)] expression (get-mdeinvestigationpackage-incident, start-mdeautomatedinvestigation-incident).
    expect(declared).toBe(151);
    expect(typed).toBeGreaterThanOrEqual(149);
  });
});
