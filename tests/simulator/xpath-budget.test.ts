/**
 * xpath() has a work budget: a query whose cost grows with the square (or worse) of the document, such as
 * `count(//*[count(//*) > 0])` on a 2,000-element body, stops with a LimitExceeded error naming the budget
 * instead of running for tens of seconds. Ordinary queries on large documents stay well inside it.
 */
import { describe, expect, it } from "vitest";
import { createStaticContext, EvaluationError, evaluateString } from "../../simulator/expression/evaluate";
import { XPATH_NODE_BUDGET } from "../../simulator/expression/xml";

const items = (n: number) => `<r>${"<i a='1'>x</i>".repeat(n)}</r>`;
const ctx = (xml: string) => createStaticContext({ parameters: { doc: xml } });

function errorOf(fn: () => unknown): EvaluationError {
  try {
    fn();
  } catch (error) {
    if (error instanceof EvaluationError) return error;
    throw error;
  }
  throw new Error("expected an EvaluationError");
}

describe("xpath() budget", () => {
  it("a quadratic query on 2,000 elements stops at the budget with a clear error", () => {
    const error = errorOf(() => evaluateString("@xpath(xml(parameters('doc')), 'count(//*[count(//*) > 0])')", ctx(items(2000))));
    expect(error.code).toBe("LimitExceeded");
    expect(error.message).toContain(XPATH_NODE_BUDGET.toLocaleString("en-US"));
    expect(error.message).toContain("count(//*[count(//*) > 0])");
  });

  it("a descendant scan inside a predicate is charged for the nodes it visits, not only those it returns", () => {
    const error = errorOf(() => evaluateString("@xpath(xml(parameters('doc')), '//i[count(/descendant::nothing) = 0]')", ctx(items(1000))));
    expect(error.code).toBe("LimitExceeded");
  });

  it("ordinary queries on a 5,000-element document are answered", () => {
    const c = ctx(items(5000));
    expect(evaluateString("@xpath(xml(parameters('doc')), 'count(//i)')", c)).toBe(5000);
    expect(evaluateString("@xpath(xml(parameters('doc')), 'count(//i[@a = \"1\"])')", c)).toBe(5000);
    expect(evaluateString("@xpath(xml(parameters('doc')), 'string(/r/i[5])')", c)).toBe("x");
  });

  it("node-sets come back in document order (attributes after their element, before its children)", () => {
    const c = ctx("<r a='1' b='2'><c x='3'>t</c><d/></r>");
    expect(evaluateString("@xpath(xml(parameters('doc')), '//d | //@* | //c/text()')", c)).toEqual(["1", "2", "3", "t", { "$content-type": "application/xml;charset=utf-8", $content: Buffer.from("<d/>").toString("base64") }]);
  });
});
