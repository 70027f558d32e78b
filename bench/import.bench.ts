/**
 * `import` benchmark: import_corpus_ms, importing every workflow of ../shared/corpus and ../shared/corpus-extra
 * (read, detect, validate, emit, rebuild in memory, compare), best of runs. Also import_corpus_exact, the
 * number of exact round trips (147 expected).
 */
import * as path from "node:path";
import { importPlaybooks } from "../importer";
import { type Metric, round, timeMs } from "./metric";

const REPO = path.resolve(__dirname, "../..");
const SOURCES = [path.resolve(REPO, "../shared/corpus"), path.resolve(REPO, "../shared/corpus-extra")];

/** The import figures. */
export async function run(): Promise<Metric[]> {
  let exact = 0;
  const ms = await timeMs(() => {
    exact = importPlaybooks(SOURCES).report.playbooks.filter((p) => p.roundTrip === "exact").length;
  }, 2);
  return [
    { metric: "import_corpus_ms", value: round(ms, 1), unit: "ms" },
    { metric: "import_corpus_exact", value: exact, unit: "playbooks" },
  ];
}
