/**
 * `review` benchmarks (best of runs, after a warm-up):
 * - review_diff_catalog_ms: `diffBuilds` of the catalog's enforce build against its audit build (in memory);
 * - review_diff_ref_ms: `playbook-kit diff HEAD HEAD` in this checkout: two refs, each checked out into a
 *   temporary git worktree and built there with tsx (what a pull request's diff costs, less the install);
 * - review_layout_isolate_ms: ELK layout of isolate-on-high-severity (12 steps, two nested Conditions);
 * - review_view_page_ms: the whole view page of the catalog with its 7 scenario runs (simulated, laid out, rendered);
 * - review_view_page_kb: its size.
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { renderBuild } from "../playbooks/build";
import { catalog } from "../playbooks/catalog";
import type { Playbook } from "../playbooks/kit";
import { diffBuilds, type BuildSet } from "../review";
import { layoutDefinition, renderViewPage, viewPlaybooks } from "../review/view";
import { type Metric, round, timeMs } from "./metric";

const REPO = path.resolve(__dirname, "../..");
const CLI = path.join(REPO, "lib/cli/main.js");

function buildSet(label: string, playbooks: Playbook[]): BuildSet {
  const output = renderBuild(playbooks);
  return { label, playbooks: output.manifest.playbooks.map((e, i) => ({ name: e.name, file: e.file, definition: playbooks[i]!.definition, permissions: e.permissions })) };
}

/** Run the review benchmarks. */
export async function run(): Promise<Metric[]> {
  const audit = buildSet("audit", catalog.map((e) => e.create({ mode: "audit" })));
  const enforce = buildSet("enforce", catalog.map((e) => e.create()));
  const diff = await timeMs(() => diffBuilds(audit, enforce), 10);
  const ref = await timeMs(() => spawnSync(process.execPath, [CLI, "diff", "HEAD", "HEAD"], { cwd: REPO }), 2);
  const isolate = catalog[0]!.create().definition;
  const layout = await timeMs(() => layoutDefinition(isolate), 5);
  let size = 0;
  const page = await timeMs(async () => {
    size = (await renderViewPage(viewPlaybooks([]))).length;
  }, 3);
  return [
    { metric: "review_diff_catalog_ms", value: round(diff), unit: "ms" },
    { metric: "review_diff_ref_ms", value: round(ref, 0), unit: "ms" },
    { metric: "review_layout_isolate_ms", value: round(layout, 1), unit: "ms" },
    { metric: "review_view_page_ms", value: round(page, 0), unit: "ms" },
    { metric: "review_view_page_kb", value: round(size / 1024, 1), unit: "KiB" },
  ];
}
