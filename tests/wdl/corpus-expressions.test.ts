import { describe, expect, it } from "vitest";
import { isExpressionString, parseTemplate, printTemplate, walkStrings } from "../../wdl";
import { corpusFiles, readJson } from "../support/paths";
import * as path from "node:path";

/** ARM template expressions (`[concat(...)]`) are deploy-time values, not WDL. */
const isArmExpression = (s: string) => s.startsWith("[") && !s.startsWith("[[") && s.endsWith("]");

describe("every expression string in the corpus parses", () => {
  let total = 0;
  for (const file of corpusFiles()) {
    let doc: unknown;
    try {
      doc = readJson(file);
    } catch {
      continue; // the one invalid-JSON fixture
    }
    it(path.basename(file), () => {
      let count = 0;
      walkStrings(doc, "", (text, pointer) => {
        if (!isExpressionString(text) || isArmExpression(text)) return;
        count++;
        const template = (() => {
          try {
            return parseTemplate(text);
          } catch (error) {
            throw new Error(`${pointer}: ${(error as Error).message}\n${text}`);
          }
        })();
        // Printing what was parsed reads back the same tree.
        expect(parseTemplate(printTemplate(template))).toEqual(template);
      });
      total += count;
    });
  }
  it("covered the corpus's expressions (700+)", () => {
    expect(total).toBeGreaterThan(700);
  });
});
