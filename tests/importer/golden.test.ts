/**
 * Goldens: the imported TypeScript of three corpus playbooks, byte for byte: a Sentinel MDE isolate template
 * (ARM), a Power Automate flow and a Logic Apps Standard workflow.json. Regenerate with UPDATE_GOLDEN=1 and
 * read the diff before committing it.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { importPlaybooks } from "../../importer";
import { CORPUS } from "../support/paths";

const GOLDEN = path.join(__dirname, "golden");
const CASES = [
  ["sentinel-mde/solutions-isolate-mdemachine-alert.json", "mde-isolate-template.ts"],
  ["power-automate/getaadgroups.json", "power-automate-flow.ts"],
  ["logicapps-samples/logicappunit-loop-workflow.json", "standard-workflow.ts"],
] as const;

describe("import goldens", () => {
  for (const [source, golden] of CASES) {
    it(`${source} imports as ${golden}`, () => {
      const result = importPlaybooks([path.join(CORPUS, source)]);
      expect(result.report.playbooks.map((p) => p.roundTrip)).toEqual(["exact"]);
      const text = result.files[0]!.text;
      const file = path.join(GOLDEN, golden);
      if (process.env.UPDATE_GOLDEN) fs.writeFileSync(file, text);
      expect(text).toBe(fs.readFileSync(file, "utf8"));
    });
  }
});
