/** verify's Markdown report (the pull request comment): summary, one row per playbook, each counterexample as files. */
import { describe, expect, it } from "vitest";
import { verify, verifyMarkdown } from "../../verifier";
import { withMode } from "../../playbooks/kit";
import * as d from "./defects";

describe("verifyMarkdown", () => {
  it("a clean result: passed, its row, no counterexample", () => {
    const r = verify(d.correctIsolation());
    const md = verifyMarkdown([r]);
    expect(md.split("\n").slice(0, 4)).toEqual([
      "### playbook-kit verify: passed",
      "",
      "| playbook | runs | paths | actions reached | branches taken | space | result |",
      "|---|---:|---:|---:|---:|---|---|",
    ]);
    const { actions, branches } = r.coverage;
    expect(md).toContain(`| correct-isolation | ${r.runs} | ${r.paths} | ${actions.reached}/${actions.total} | ${branches.taken}/${branches.total} | exhaustive | clean |`);
    expect(md).not.toContain("<details>");
  });

  it("a violation: FAILED, the path, the offending action and the three files simulate replays, then the command", () => {
    const r = verify(d.swallowedFailure(), { source: "playbooks/swallowed.ts" });
    const v = r.violations[0]!;
    const md = verifyMarkdown([r, verify(d.correctIsolation())]);
    expect(md.startsWith("### playbook-kit verify: FAILED (1 violation)\n")).toBe(true);
    expect(md).toContain("| defect-swallowed-failure |");
    expect(md).toContain("| ✗ `failure-not-reported` |");
    expect(md).toContain(`#### ✗ \`failure-not-reported\` in defect-swallowed-failure\n\n${v.message}\n\n- path: ${v.path.map((a) => `\`${a}\``).join(" → ")}\n- offending: \`Isolate\``);
    expect(md).toContain(`trigger.json\n\n\`\`\`json\n${JSON.stringify(v.scenario.trigger, null, 2)}\n\`\`\``);
    expect(md).toContain(`mocks.json\n\n\`\`\`json\n${JSON.stringify(v.scenario.mocks, null, 2)}\n\`\`\``);
    expect(md).toContain("```sh\nnpx playbook-kit simulate playbooks/swallowed.ts --trigger trigger.json --mocks mocks.json --params params.json\n```");
  });

  it("an audit build's counterexample says how to replay it; a fence outgrows backticks in the data", () => {
    const r = verify(withMode(d.correctIsolation(), "audit"));
    const fake = { ...r, name: "x | y", violations: [{ property: "p", message: "m", path: ["A"], scenario: { mocks: [{ action: "A", response: { status: 200, body: "```" } }], params: {} } }] };
    const md = verifyMarkdown([Object.assign(fake, { ok: false, codes: ["p"] })]);
    expect(md).toContain("| x \\| y |");
    expect(md).toContain("````json");
    expect(md).toContain('replay with `replay(withMode(playbook, "audit"), scenario)`');
  });
});
