/**
 * Property: any definition the builder makes imports to a file that builds the same definition again. The
 * playbooks are random trees of steps (Compose, Http, variables, If, Switch, Foreach, Until, Scope), with
 * random labels, values with expressions and literal `@` text, joins and error handlers.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareDefinitions, emitPlaybook, rebuild } from "../../importer";
import { concat, definePlaybook, equals, recurrence, text, type Flow, type Input, type StepHandle } from "../../playbooks/kit";
import type { Json } from "../../wdl";

type Node =
  | { kind: "compose"; value: Json }
  | { kind: "http"; uri: string }
  | { kind: "if" | "scope" | "foreach" | "until"; body: Node[]; other: Node[] }
  | { kind: "switch"; cases: Node[][] };

const labelChars = fc.constantFrom("a", "b", "X", "1", " ", "-", "(", ")", "é", "'", "_");
const value: fc.Arbitrary<Json> = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: "small" },
    fc.string({ maxLength: 8 }),
    fc.constantFrom("@literal", "@{not an expression}", "50%", "a@b.c"),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("v"), { maxLength: 3 }),
    fc.dictionary(fc.string({ minLength: 1, maxLength: 5 }).filter((k) => k !== "__proto__"), tie("v"), { maxKeys: 3 }),
  ),
})).v as fc.Arbitrary<Json>;

const nodes: fc.Arbitrary<Node[]> = fc.letrec<{ list: Node[]; node: Node }>((tie) => ({
  list: fc.array(tie("node"), { maxLength: 3 }),
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    value.map((v): Node => ({ kind: "compose", value: v })),
    fc.webUrl().map((uri): Node => ({ kind: "http", uri })),
    fc.record({ kind: fc.constantFrom("if" as const, "scope" as const, "foreach" as const, "until" as const), body: tie("list"), other: tie("list") }),
    fc.array(tie("list"), { minLength: 1, maxLength: 3 }).map((cases): Node => ({ kind: "switch", cases })),
  ),
})).list;

/** Place the nodes in a flow; every fourth step joins the previous two or handles their failure. */
function place(flow: Flow, list: readonly Node[], prefix: string, labels: string[]): void {
  const placed: StepHandle[] = [];
  list.forEach((node, i) => {
    const label = `${prefix}${labels[i % labels.length]} ${i}`;
    const options = i >= 2 && i % 4 === 3 ? { after: [placed[i - 1]!, placed[i - 2]!], on: ["Failed", "TimedOut"] as const } : {};
    let h: StepHandle;
    if (node.kind === "compose") h = flow.compose(label, { value: node.value as Input, at: text`item ${concat("x", "@")}` }, { ...options });
    else if (node.kind === "http") h = flow.http(label, { method: "GET", uri: node.uri, headers: { a: "@b" } }, options);
    else if (node.kind === "if") h = flow.if(label, equals(concat("a"), "a"), (f) => place(f, node.body, `${label}.`, labels), node.other.length ? (f) => place(f, node.other, `${label}!`, labels) : undefined, options);
    else if (node.kind === "scope") h = flow.scope(label, (f) => place(f, node.body, `${label}.`, labels), options);
    else if (node.kind === "foreach") h = flow.forEach(label, ["a", "b"], (f) => place(f, node.body, `${label}.`, labels), options);
    else if (node.kind === "until") h = flow.until(label, (f) => (place(f, node.body, `${label}.`, labels), equals(1, 1)), { ...options, count: 3 });
    else if (node.kind === "switch") h = flow.switch(label, concat("a"), node.cases.map((c, j) => [`v${j}`, (f: Flow) => place(f, c, `${label}.${j}`, labels)] as const), undefined, options);
    else throw new Error("unknown node");
    placed.push(h);
  });
}

describe("import property", () => {
  it("random builder definitions → import → build → equal", () => {
    let built = 0;
    fc.assert(
      fc.property(nodes, fc.array(fc.string({ unit: labelChars, minLength: 1, maxLength: 6 }).filter((s) => /[a-zA-Z1é]/.test(s)), { minLength: 1, maxLength: 4 }), (list, labels) => {
        let playbook;
        try {
          playbook = definePlaybook({ name: "random", description: "r", trigger: recurrence({ frequency: "Hour", interval: 1 }), build: ({ flow }) => place(flow, list, "", labels) });
        } catch {
          return; // labels that clash or give no name: not a definition
        }
        built++;
        const definition = JSON.parse(playbook.render());
        const { text: source } = emitPlaybook({ name: "random", description: "r", definition });
        expect(compareDefinitions(definition, rebuild(source).definition)).toEqual([]);
        expect(JSON.parse(rebuild(source).render())).toEqual(definition);
      }),
      { numRuns: 150, seed: 10 },
    );
    expect(built).toBeGreaterThan(75);
  });
});
