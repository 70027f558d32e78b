/**
 * `response-in-parallel-branch`. Docs (logic-apps-http-endpoint, "Respond to requests"): the Response action can be
 * added anywhere "except inside Foreach loops, Until loops, including sequential loops, and parallel branches". The
 * success and failure branches of one action are not parallel: they never run together, and published templates
 * use them (Azure/logicapps gallery "cancel runs by tracking id"; Azure/LogicAppsUX#9412 saves such a pair).
 */
import { describe, expect, it } from "vitest";
import { validate } from "../../validators";
import { compose, def } from "./helpers";

const reply = (runAfter: Record<string, string[]> = {}, status = 200) => ({ type: "Response", kind: "Http", inputs: { statusCode: status }, runAfter });
const codes = (d: unknown) => validate(d).filter((x) => x.code === "response-in-parallel-branch");

describe("response-in-parallel-branch", () => {
  it("fires for a Response that runs next to a sibling, naming both", () => {
    const found = codes(def({ Work: compose(1), Reply: reply({}) }));
    expect(found).toHaveLength(1);
    expect(found[0]!.pointer).toBe("/actions/Reply");
    expect(found[0]!.message).toContain("'Work'");
  });

  it("fires for a Response inside a container that is itself on a parallel branch", () => {
    const found = codes(def({ Side: compose(1), Wrap: { type: "Scope", actions: { Reply: reply({}) }, runAfter: {} } }));
    expect(found.map((d) => d.pointer)).toEqual(["/actions/Wrap/actions/Reply"]);
    expect(found[0]!.message).toContain("sits in 'Wrap'");
  });

  it("stays quiet after a join, and on success/failure branches, also further down a branch", () => {
    expect(codes(def({ A: compose(1), B: compose(2), Reply: reply({ A: ["Succeeded"], B: ["Succeeded"] }) }))).toEqual([]);
    const handlers = def({
      Get: compose(1),
      Loop: { type: "Foreach", foreach: "@createArray(1)", actions: { X: compose(1) }, runAfter: { Get: ["Succeeded"] } },
      Not_found: reply({ Get: ["Failed", "TimedOut"] }, 404),
      Ok: reply({ Loop: ["Succeeded"] }),
      Catch: { type: "Scope", actions: { Error_reply: reply({}, 500) }, runAfter: { Loop: ["Failed", "TimedOut"] } },
    });
    expect(codes(handlers)).toEqual([]);
  });

  it("a branch that may be skipped does not exclude the other (Skipped in the statuses)", () => {
    const d = def({ Get: compose(1), Cleanup: compose(2, { Get: ["Failed", "Skipped"] }), Reply: reply({ Get: ["Succeeded"] }) });
    // Cleanup waits for Get Failed or Skipped; Reply for Get Succeeded: they exclude each other.
    expect(codes(d)).toEqual([]);
    const after = def({ Get: compose(1), Step: compose(2, { Get: ["Succeeded", "Skipped"] }), Other: compose(3, { Step: ["Succeeded"] }), Reply: reply({ Get: ["Succeeded"] }) });
    // Other runs after Step, which may run whether or not Get succeeded: Other and Reply can overlap.
    expect(codes(after).map((x) => x.message)).toEqual([expect.stringContaining("'Step'")]);
  });
});
