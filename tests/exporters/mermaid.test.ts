import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { toMermaid } from "../../exporters/mermaid";
import { catalog } from "../../playbooks/catalog";
import { detect } from "../../validators/detect";
import { walkActions } from "../../wdl";
import { corpusFiles, REPO } from "../support/paths";

/** The label text Mermaid shows for a name (same escaping as the exporter). */
const shown = (name: string) => name.replace(/#/g, "#35;").replace(/"/g, "#quot;").replace(/</g, "#lt;").replace(/>/g, "#gt;").replace(/&/g, "#amp;").replace(/\|/g, "#124;");

/** Node id of the node whose label starts with `name`. */
function nodeId(text: string, name: string): string {
  const m = new RegExp(`^\\s+([a-z]\\d+)[\\[{(>/\\\\]+"${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}<br/>`, "m").exec(text);
  if (!m) throw new Error(`no node for ${name}`);
  return m[1]!;
}

describe("toMermaid on the catalog", () => {
  for (const entry of catalog) {
    for (const options of [{}, { channel: "outlook" as const }, ...(entry.hasModes ? [{ mode: "audit" as const }] : [])]) {
      const suffix = Object.values(options).join("-");
      it(`matches the snapshot of ${entry.name}${suffix ? ` (${suffix})` : ""}`, async () => {
        const text = toMermaid(entry.create(options).definition);
        await expect(text).toMatchFileSnapshot(`./__snapshots__/${entry.name}${suffix ? `.${suffix}` : ""}.mmd`);
      });
    }
  }

  it("draws the seed playbook's branches and its error edge distinctly", () => {
    const text = toMermaid(catalog[0]!.create().definition);
    const id = (n: string) => nodeId(text, n);
    expect(text.startsWith("flowchart TD\n")).toBe(true);
    expect(text).toContain(`${id("trigger: Triggers_-_Trigger_when_new_WDATP_alert_occurs")} --> ${id("Get_alert")}`);
    expect(text).toContain(`  ${id("Severity_is_High")}{"Severity_is_High<br/>If"}`);
    expect(text).toContain(`${id("Severity_is_High")} -->|"yes"| ${id("Get_machine")}`);
    expect(text).toContain(`${id("Device_is_excluded")} -->|"yes"| ${id("Notify_excluded")}`);
    expect(text).toContain(`${id("Device_is_excluded")} -->|"no"| ${id("Isolate_machine")}`);
    expect(text).toContain(`${id("Isolate_machine")} --> ${id("Notify_isolated")}`);
    // The failure handler hangs off a dotted, labelled, red edge and is marked.
    const errorEdge = `  ${id("Isolate_machine")} -.->|"Failed, TimedOut"| ${id("Notify_isolation_failed")}`;
    const edges = text.split("\n").filter((l) => / -->| -\.->/.test(l));
    const index = edges.indexOf(errorEdge);
    expect(index).toBeGreaterThanOrEqual(0);
    expect(text).toContain(`  linkStyle ${index} stroke:#c0392b,stroke-width:2px`);
    expect(text).toContain(`  class ${id("Notify_isolation_failed")} onError`);
    expect(text).toContain(`  ${id("Mark_run_failed")}[/"Mark_run_failed<br/>Terminate"\\]`);
  });
});

describe("the README", () => {
  it("shows the seed playbook's current diagram", () => {
    const readme = fs.readFileSync(path.join(REPO, "docs", "export.md"), "utf8");
    const section = readme.slice(readme.indexOf("<!-- BEGIN export -->"), readme.indexOf("<!-- END export -->"));
    const block = /```mermaid\n([\s\S]*?)```/.exec(section);
    expect(block?.[1]).toBe(toMermaid(catalog[0]!.create().definition));
  });
});

describe("toMermaid on other shapes", () => {
  const definition = {
    triggers: { manual: { type: "Request", kind: "Http" } },
    actions: {
      Pick: {
        type: "Switch",
        expression: "@triggerBody()?['kind']",
        cases: { Case_a: { case: "a", actions: { Do_a: { type: "Compose", inputs: 1 } } }, Case_2: { case: 2, actions: {} } },
        default: { actions: { Do_default: { type: "Compose", inputs: 0 } } },
      },
      Each: { type: "Foreach", foreach: "@triggerBody()", actions: { First: { type: "Compose", inputs: "@item()" }, Second: { type: "Compose", inputs: 2, runAfter: { First: ["Succeeded"] } } }, runAfter: { Pick: ["Succeeded"] } },
      Poll: { type: "Until", expression: "@true", limit: { count: 3 }, actions: {}, runAfter: { Each: ["Succeeded", "Skipped"] } },
      Guard: { type: "Scope", actions: { Inner: { type: "Compose", inputs: 1 } }, runAfter: { Poll: ["TIMEDOUT"] } },
      'Odd "name" <#&|>': { type: "Compose", inputs: 1, runAfter: { Nowhere: ["Succeeded"] } },
    },
  };
  const text = toMermaid(definition);
  const id = (n: string) => nodeId(text, n);

  it("labels Switch cases and the default", () => {
    expect(text).toContain(`  ${id("Pick")}{{"Pick<br/>Switch"}}`);
    expect(text).toContain(`${id("Pick")} -->|"case a"| ${id("Do_a")}`);
    expect(text).toContain(`${id("Pick")} -->|"default"| ${id("Do_default")}`);
  });

  it("draws loops with a back edge from the end of the body", () => {
    expect(text).toContain(`  ${id("Each")}[["Each<br/>Foreach"]]`);
    expect(text).toContain(`${id("Each")} -->|"for each"| ${id("First")}`);
    expect(text).toContain(`${id("Second")} -.->|"next item"| ${id("Each")}`);
    expect(text).toContain(`${id("Poll")} -.->|"repeat"| ${id("Poll")}`);
    expect(text).toContain(`${id("Guard")} -->|"scope"| ${id("Inner")}`);
  });

  it("draws an Agent's tools as branches that return to the agent loop", () => {
    const agent = toMermaid({
      triggers: { manual: { type: "Request", kind: "Http" } },
      actions: {
        Triage: { type: "Agent", inputs: {}, tools: { Isolate: { description: "Isolate a device", actions: { Isolate_device: { type: "Compose", inputs: 1, runAfter: {} } } } }, runAfter: {} },
      },
    });
    expect(agent).toContain('a1[["Triage<br/>Agent"]]');
    expect(agent).toContain('a1 -->|"tool Isolate"| a2');
    expect(agent).toContain('a2 -.->|"back to the agent"| a1');
  });

  it("labels non-success edges and escapes odd names", () => {
    expect(text).toContain(`${id("Each")} -.->|"Succeeded, Skipped"| ${id("Poll")}`);
    expect(text).toContain(`${id("Poll")} -.->|"TimedOut"| ${id("Guard")}`);
    expect(text).toContain('"Odd #quot;name#quot; #lt;#35;#amp;#124;#gt;<br/>Compose"');
    expect(text).toContain('"Nowhere<br/>(not in this scope)"');
  });

  it("is deterministic and never throws on odd input", () => {
    expect(toMermaid(definition)).toBe(text);
    const odd: unknown[] = [undefined, null, 0, "text", [], {}, { actions: [] }, { triggers: [1], actions: { A: null, B: 7, C: { type: 5, runAfter: "x" } } }];
    const cyclic = { actions: { A: { type: "Compose", runAfter: { B: ["Succeeded"] } }, B: { type: "Compose", runAfter: { A: ["Succeeded"] } } } };
    for (const value of [...odd, cyclic, { actions: { X: { type: "If", actions: 3, else: "no" } } }]) {
      const out = toMermaid(value);
      expect(out.startsWith("flowchart TD\n")).toBe(true);
      expect(out.endsWith("\n")).toBe(true);
    }
    expect(toMermaid(null)).toBe('flowchart TD\n  empty["(not a workflow definition)"]\n');
    // Not JSON, but a caller's object: a cycle, and nesting far beyond the service's 8 levels.
    const loop: Record<string, unknown> = { type: "Scope" };
    loop.actions = { Again: loop };
    expect(toMermaid({ actions: { Loop: loop } })).toContain('"Again<br/>Scope"');
    let deep: Record<string, unknown> = { type: "Compose" };
    for (let i = 0; i < 5000; i++) deep = { type: "Scope", actions: { [`S${i}`]: deep } };
    expect(toMermaid({ actions: { Top: deep } })).toContain("(nested more than 64 levels deep)");
  });
});

describe("toMermaid on the third-party corpus", () => {
  const files = corpusFiles().filter((f) => !f.includes(`${path.sep}fixtures${path.sep}`));
  it("draws every workflow in the corpus, with every action, without throwing", () => {
    let drawn = 0;
    for (const file of files) {
      const raw = fs.readFileSync(file, "utf8").replace(/^\uFEFF/, "");
      let doc: unknown;
      try {
        doc = JSON.parse(raw);
      } catch {
        expect(() => toMermaid(raw)).not.toThrow(); // invalid JSON files: whatever reaches us
        continue;
      }
      for (const target of detect(doc, file).targets) {
        const text = toMermaid(target.definition);
        drawn++;
        expect(text.startsWith("flowchart TD\n"), file).toBe(true);
        walkActions((target.definition as { actions?: unknown }).actions, "/actions", (v) => {
          expect(text, `${file}: ${v.name}`).toContain(`"${shown(v.name)}<br/>`);
        });
      }
    }
    expect(drawn).toBeGreaterThanOrEqual(30);
  });
});
