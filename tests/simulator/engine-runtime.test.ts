/** Runtime points of issue 14, each following the documentation sentence it cites. */
import { describe, expect, it } from "vitest";
import { simulate } from "../../simulator";
import { compose, def } from "./support";

const reply = (status: number, runAfter: Record<string, string[]> = {}) => ({ type: "Response", kind: "Http", inputs: { statusCode: status, body: { status } }, runAfter });

describe("Response", () => {
  // Docs (logic-apps-workflow-actions-triggers, "Response action"): the Response action answers the incoming
  // request; an HTTP request has one response, so a second Response has nothing left to answer.
  it("a second Response fails, and so does the run; the first answer stands", () => {
    const run = simulate(def({ First: reply(200), Second: reply(500, { First: ["Succeeded"] }) }));
    expect(run.action("First").status).toBe("Succeeded");
    expect(run.action("Second").status).toBe("Failed");
    expect(run.action("Second").error).toEqual({ code: "ResponseAlreadySent", message: "Response 'Second' cannot answer the request: Response 'First' already answered it." });
    expect(run.status).toBe("Failed");
    expect(run.response).toEqual({ statusCode: 200, headers: {}, body: { status: 200 } });
  });

  it("a Response after a failed one may still answer (nothing was sent)", () => {
    const run = simulate(def({ Bad: { type: "Response", kind: "Http", inputs: { statusCode: 99 }, runAfter: {} }, Good: reply(500, { Bad: ["Failed"] }) }));
    expect(run.action("Bad").status).toBe("Failed");
    expect(run.action("Good").status).toBe("Succeeded");
  });
});

describe("@@ escapes", () => {
  // Docs (logic-apps-workflow-definition-language, "Expressions"): "If you have a literal string that starts with
  // the @ character, prefix the @ character with another @ character as an escape character: @@"; the table of
  // examples gives "@@" → a 1-character string that contains '@'. Constant objects and arrays are JSON values like
  // any other, so the escape applies inside them too.
  it("unescapes @@ inside constant objects and arrays, at every depth", () => {
    const run = simulate(def({ C: compose({ c: "@@", list: ["@@x", { deep: "a @@{b}" }], plain: "mail@contoso.com" }) }));
    expect(run.action("C").outputs).toEqual({ c: "@", list: ["@x", { deep: "a @{b}" }], plain: "mail@contoso.com" });
  });

  it("keeps the definition's own objects untouched (same bytes on every run)", () => {
    const d = def({ C: compose({ c: "@@" }) });
    simulate(d);
    simulate(d);
    expect((d.actions as Record<string, { inputs: unknown }>).C.inputs).toEqual({ c: "@@" });
  });
});
