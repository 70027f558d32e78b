/**
 * The view without a browser: the layout (every step drawn, branches side by side, frames around their steps),
 * the labels taken from the operation catalogue, the SVG (well-formed, deterministic, run statuses), the page
 * (self-contained, secure values hidden), scenario files, and the `view` and `graph --format svg` commands.
 * tests/review/browser.test.ts renders the page in Chromium.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { DOMParser } from "@xmldom/xmldom";
import { describe, expect, it } from "vitest";
import { catalog } from "../../playbooks/catalog";
import { scenarios } from "../../playbooks/catalog/scenarios";
import { detect } from "../../validators/detect";
import { kindOf, stepsOf } from "../../review";
import { definitionSvg, layoutDefinition, readScenarioFile, renderViewPage, viewPlaybooks, type DiagramBox } from "../../review/view";
import { runCli, tempDir } from "../support/cli";
import { corpusFiles, readJson } from "../support/paths";

const isolate = catalog[0]!.create().definition;
const inside = (inner: DiagramBox, outer: DiagramBox) => inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;

describe("layout", () => {
  it("draws every step and the trigger of each catalog playbook, each once", async () => {
    for (const entry of catalog) {
      for (const mode of entry.hasModes ? (["enforce", "audit"] as const) : ([undefined] as const)) {
        const definition = entry.create({ mode }).definition;
        const diagram = await layoutDefinition(definition);
        const drawn = diagram.boxes.filter((b) => b.kind === "step" || b.kind === "container").map((b) => b.name);
        expect(drawn).toEqual([...stepsOf(definition).keys()]);
        expect(diagram.boxes.filter((b) => b.kind === "trigger").map((b) => b.name)).toEqual(Object.keys(definition.triggers));
      }
    }
  });

  it("top to bottom; a Condition's True and False branches side by side, top-aligned, True on the left", async () => {
    const d = await layoutDefinition(isolate);
    const box = (id: string) => d.boxes.find((b) => b.id === id)!;
    expect(box("t:Triggers_-_Trigger_when_new_WDATP_alert_occurs").y).toBeLessThan(box("s:Get_alert").y);
    expect(box("s:Get_alert").y + box("s:Get_alert").height).toBeLessThan(box("s:Severity_is_High").y);
    const yes = box("b:Device_is_excluded:actions");
    const no = box("b:Device_is_excluded:else");
    expect(yes.title).toEqual(["True"]);
    expect(no.title).toEqual(["False"]);
    expect(yes.y).toBe(no.y);
    expect(yes.x + yes.width).toBeLessThan(no.x);
    // Frames nest: the step in its branch, the branch in its Condition, that Condition in the outer one's branch.
    expect(inside(box("s:Isolate_machine"), no)).toBe(true);
    expect(inside(no, box("s:Device_is_excluded"))).toBe(true);
    expect(inside(box("s:Device_is_excluded"), box("b:Severity_is_High:actions"))).toBe(true);
    // An empty branch is drawn too (the outer Condition's False).
    expect(box("b:Severity_is_High:else").kind).toBe("branch");
    // No two cards overlap.
    const cards = d.boxes.filter((b) => b.kind === "step" || b.kind === "trigger");
    for (const a of cards) for (const b of cards) if (a !== b) expect(a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y, `${a.name} / ${b.name}`).toBe(true);
  });

  it("arrows follow runAfter; the error handler's arrow is marked with its statuses", async () => {
    const d = await layoutDefinition(isolate);
    const failed = d.edges.find((e) => e.to === "Notify_isolation_failed")!;
    expect(failed).toMatchObject({ from: "Isolate_machine", label: "Failed, TimedOut", error: true });
    expect(failed.points.length).toBeGreaterThanOrEqual(2);
    expect(d.edges.find((e) => e.to === "Get_alert")!.from).toBe("Triggers_-_Trigger_when_new_WDATP_alert_occurs");
  });

  it("lays out every definition of the third-party corpus without throwing", async () => {
    let drawn = 0;
    for (const file of corpusFiles()) {
      let doc: unknown;
      try {
        doc = readJson(file);
      } catch {
        continue;
      }
      for (const target of detect(doc, path.basename(file)).targets) {
        const d = await layoutDefinition(target.definition);
        expect(d.boxes.filter((b) => b.kind === "step" || b.kind === "container")).toHaveLength(stepsOf(target.definition).size);
        drawn++;
      }
    }
    expect(drawn).toBeGreaterThan(20);
  }, 60_000);
});

describe("labels from the operation catalogue", () => {
  it("says what a step does: operation and service", async () => {
    const steps = stepsOf(isolate);
    expect(kindOf(steps.get("Isolate_machine")!.action)).toMatchObject({ label: "Isolate machine — Defender", destructive: true });
    expect(kindOf(steps.get("Notify_isolated")!.action)).toMatchObject({ label: "Send mail — Graph", destructive: false });
    expect(kindOf(steps.get("Get_alert")!.action).label).toBe("Get single alert — Defender");
    expect(kindOf(steps.get("Severity_is_High")!.action).label).toBe("Condition");
    expect(kindOf(steps.get("Mark_run_failed")!.action).label).toBe("Terminate (Failed)");
    const hunt = stepsOf(catalog[1]!.create().definition);
    expect(kindOf(hunt.get("Run_hunting_query")!.action).label).toBe("Run hunting query — Graph");
    expect(kindOf(hunt.get("Create_HTML_table")!.action).label).toBe("Create HTML table");
    const outlook = stepsOf(catalog[0]!.create({ channel: "outlook" }).definition);
    expect(kindOf(outlook.get("Notify_isolated")!.action).label).toBe("Send an email — Outlook");
    expect(kindOf({ type: "Http", inputs: { method: "POST", uri: "https://api.security.microsoft.com/api/indicators" } })).toMatchObject({ label: "Submit or update indicator — Defender API", destructive: true });
    expect(kindOf({ type: "Http", inputs: { method: "GET", uri: "https://example.com/x" } }).label).toBe("HTTP GET — example.com");
  });
});

describe("SVG", () => {
  it("is well-formed, deterministic, and marks destructive steps", async () => {
    const svg = await definitionSvg(isolate);
    expect(await definitionSvg(isolate)).toBe(svg);
    const errors: string[] = [];
    const doc = new DOMParser({ onError: (level, message) => void (level !== "warning" && errors.push(message)) }).parseFromString(svg, "image/svg+xml");
    expect(errors).toEqual([]);
    const steps = [...(doc.getElementsByTagName("g") as unknown as Iterable<Element>)].filter((g) => g.getAttribute("data-step"));
    expect(steps.map((g) => g.getAttribute("data-step")).sort()).toEqual([...stepsOf(isolate).keys(), "Triggers_-_Trigger_when_new_WDATP_alert_occurs"].sort());
    const destructive = steps.filter((g) => /\bdestructive\b/.test(g.getAttribute("class") ?? "")).map((g) => g.getAttribute("data-step"));
    expect(destructive).toEqual(["Isolate_machine"]);
    expect(svg).toContain("⚠ Isolate machine — Defender");
    expect(svg).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
  });

  it("a run: statuses on the steps, skipped and not-run steps marked, the path taken", async () => {
    const [p] = viewPlaybooks(["isolate-on-high-severity"]);
    const high = p!.runs.find((r) => r.name === "high")!;
    expect(high.statuses).toMatchObject({ Get_alert: "Succeeded", Isolate_machine: "Succeeded", Notify_excluded: "Skipped", Notify_isolation_failed: "Skipped" });
    const svg = await definitionSvg(high.definition, { run: { statuses: high.statuses, triggered: true } });
    expect(svg).toMatch(/<g class="card step destructive st-Succeeded" data-step="Isolate_machine"/);
    expect(svg).toMatch(/<g class="card step st-Skipped" data-step="Notify_excluded"/);
    expect(svg).toMatch(/<g class="edge taken" data-from="Isolate_machine" data-to="Notify_isolated">/);
    expect(svg).toMatch(/<g class="edge error" data-from="Isolate_machine" data-to="Notify_isolation_failed">/);
    const medium = p!.runs.find((r) => r.name === "medium")!;
    expect(medium.statuses.Get_machine).toBe("Skipped");
    const { Get_machine: _skipped, ...others } = medium.statuses;
    // A step with no record at all (the run ended before it) is drawn as not run.
    expect(await definitionSvg(medium.definition, { run: { statuses: others, triggered: true } })).toMatch(/class="card step st-NotRun" data-step="Get_machine"/);
  });
});

describe("the page", () => {
  it("is one self-contained, deterministic file: no URL it could fetch, a CSP that forbids fetching", async () => {
    const html = await renderViewPage(viewPlaybooks([]));
    expect(await renderViewPage(viewPlaybooks([]))).toBe(html);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"`);
    expect(html).not.toMatch(/<(script|link|img|iframe)[^>]+(src|href)=/i);
    // Only in-document references (the arrow markers: url(#…)).
    expect(html).not.toMatch(/@import|url\((?!#)/);
    for (const s of scenarios) expect(html).toContain(`>Run: ${s.name}</button>`);
  });

  it("hides secure inputs and outputs unless revealSecureData", async () => {
    const hidden = await renderViewPage(viewPlaybooks(["isolate-on-high-severity"]));
    const shown = await renderViewPage(viewPlaybooks(["isolate-on-high-severity"], { revealSecureData: true }), { revealSecureData: true });
    expect(hidden).not.toContain("soc@contoso.com");
    expect(hidden).toContain("Content not shown due to security configuration.");
    expect(shown).toContain("soc@contoso.com");
    // The expectations are checked either way (an email subject sits in a secured step).
    expect(viewPlaybooks(["isolate-on-high-severity"])[0]!.runs.map((r) => r.problems)).toEqual(scenarios.filter((s) => s.playbook === "isolate-on-high-severity").map(() => []));
  });

  it("a --scenario file adds a run; a broken one is a clear error", () => {
    const dir = tempDir();
    const high = scenarios.find((s) => s.name === "high")!;
    const file = path.join(dir, "tier0.json");
    fs.writeFileSync(file, JSON.stringify({ playbook: high.playbook, title: "Tier-0 device", trigger: high.trigger, mocks: high.mocks, params: { excludedTags: ["finance"] } }));
    const [p] = viewPlaybooks(["isolate-on-high-severity"], { scenarioFiles: [file] });
    const run = p!.runs.at(-1)!;
    expect(run).toMatchObject({ name: "tier0", title: "Tier-0 device", status: "Succeeded", problems: [] });
    expect(run.statuses.Notify_excluded).toBe("Succeeded");
    fs.writeFileSync(file, JSON.stringify([{ playbook: "x", trigger: {} }, { playbook: 3 }]));
    expect(() => readScenarioFile(file)).toThrow(`${file}: /1/playbook must name the playbook the scenario runs (a string).`);
    fs.writeFileSync(file, JSON.stringify({ playbook: "nope", trigger: { body: {} } }));
    expect(() => viewPlaybooks([], { scenarioFiles: [file] })).toThrow("scenario 'tier0' runs 'nope', which is not a playbook drawn here (isolate-on-high-severity, scheduled-advanced-hunting, isolate-incident-hosts, release-incident-hosts, restrict-app-execution-incident-hosts, scan-incident-hosts, collect-investigation-package, graph-alert-triage, scan-and-tag-on-alert).");
  });
});

describe("commands", () => {
  it("view writes DIR/index.html and prints where", () => {
    const out = tempDir();
    const r = runCli(["view", "scheduled-advanced-hunting", "--out", out]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`Wrote the view of scheduled-advanced-hunting to ${path.join(out, "index.html")}\nOpen file://${path.join(out, "index.html")}\n`);
    const html = fs.readFileSync(path.join(out, "index.html"), "utf8");
    expect(html).toContain('data-playbook="scheduled-advanced-hunting"');
    expect(html).not.toContain('data-playbook="isolate-on-high-severity"');
  });

  it("view without names draws the project's playbooks: the catalog entries it names and the author's", () => {
    const out = tempDir();
    const r = runCli(["view", "--out", out]);
    expect(r.code).toBe(0);
    const html = fs.readFileSync(path.join(out, "index.html"), "utf8");
    expect([...html.matchAll(/data-playbook="([^"]+)"/g)].map((m) => m[1])).toEqual(["isolate-on-high-severity", "scheduled-advanced-hunting", "isolate-incident-hosts", "release-incident-hosts", "restrict-app-execution-incident-hosts", "scan-incident-hosts", "collect-investigation-package", "graph-alert-triage", "scan-and-tag-on-alert"]);
    expect(html).toContain("⚠ Run antivirus scan — Defender");
  });

  it("view of an unknown name is a usage error", () => {
    const r = runCli(["view", "nope", "--out", tempDir()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("playbook-kit: 'nope' is not a playbook of this project; its playbooks: isolate-on-high-severity, scheduled-advanced-hunting, isolate-incident-hosts, release-incident-hosts, restrict-app-execution-incident-hosts, scan-incident-hosts, collect-investigation-package, graph-alert-triage, scan-and-tag-on-alert.\n");
  });

  it("graph --format svg writes one diagram; the default stays Mermaid", () => {
    const out = path.join(tempDir(), "isolate.svg");
    expect(runCli(["graph", "isolate-on-high-severity", "--format", "svg", "--out", out]).code).toBe(0);
    const svg = fs.readFileSync(out, "utf8");
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" class="pkv" viewBox="0 0 [\d.]+ [\d.]+"/);
    expect(svg).toContain('data-step="Isolate_machine"');
    expect(runCli(["graph", "isolate-on-high-severity"]).stdout).toMatch(/^flowchart TD\n/);
  });
});
