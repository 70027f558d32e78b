/**
 * The view page in real headless Chromium (Debian's package; `.ci/run` installs it): every step of the catalog
 * playbooks is drawn and its text fits its card, clicking a step of a scenario run shows its inputs and outputs,
 * no request leaves file://, and a screenshot is kept as a test artefact (test-results/, or
 * $PLAYBOOK_KIT_ARTIFACTS). Without Chromium these tests fail, saying how to install it; they never skip.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { catalog } from "../../playbooks/catalog";
import { stepsOf } from "../../review";
import { runCli, tempDir } from "../support/cli";
import { REPO } from "../support/paths";

const CHROMIUM = "/usr/bin/chromium";
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
const ARTIFACTS = process.env.PLAYBOOK_KIT_ARTIFACTS ?? path.join(REPO, "test-results");

let browser: Browser;
let page: Page;
const requests: string[] = [];
const blocked: string[] = [];
const problems: string[] = [];
let url: string;

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: the browser tests need Debian's chromium (apt-get install -y chromium; .ci/run installs it).`);
  const out = tempDir("pk-view-");
  const r = runCli(["view", "--out", out]);
  if (r.code !== 0) throw new Error(`playbook-kit view failed: ${r.stderr}`);
  url = pathToFileURL(path.join(out, "index.html")).href;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  const context = await browser.newContext({ viewport: { width: 1500, height: 1000 }, userAgent: "playbook-kit-tests" });
  // Anything but file:// is refused and recorded: the offline check.
  await context.route(/^(?!file:)/, (route) => {
    blocked.push(route.request().url());
    return route.abort();
  });
  page = await context.newPage();
  page.on("request", (req) => requests.push(req.url()));
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") problems.push(`console ${m.type()}: ${m.text()}`);
  });
  await page.goto(url, { waitUntil: "load" });
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

const section = (name: string) => page.locator(`section.playbook[data-playbook="${name}"]`);

describe("the view page in Chromium", () => {
  it("draws every step of every catalog playbook, visible, on the Design tab", async () => {
    for (const entry of catalog) {
      const definition = entry.create().definition;
      const names = [...Object.keys(definition.triggers), ...stepsOf(definition).keys()];
      const panel = section(entry.name).locator('.panel[data-panel="design"]');
      await expect.poll(() => panel.evaluate((p) => p.classList.contains("active"))).toBe(true);
      for (const name of names) {
        const box = await panel.locator(`g.step[data-step="${name}"]`).boundingBox();
        expect(box, `${entry.name}: ${name}`).not.toBeNull();
        expect(box!.width).toBeGreaterThan(100);
        expect(box!.height).toBeGreaterThan(30);
      }
      expect(await panel.locator("g.step").count()).toBe(names.length);
    }
  });

  it("every card's text fits inside its card (the server-side text measure holds in a real browser)", async () => {
    const overflows = await page.evaluate(() => {
      const out: string[] = [];
      // Hidden tabs have no geometry: show every panel while measuring.
      const hidden = Array.from(document.querySelectorAll(".panel:not(.active)"));
      hidden.forEach((p) => p.classList.add("active"));
      document.querySelectorAll<SVGGElement>("g.card").forEach((g) => {
        const box = g.querySelector<SVGRectElement>("rect.box")!.getBBox();
        g.querySelectorAll<SVGTextElement>("text.t1, text.t2").forEach((t) => {
          const b = t.getBBox();
          if (b.width <= 0 || b.x + b.width > box.x + box.width - 2) out.push(`${g.dataset.step}: "${t.textContent}" ends at ${Math.round(b.x + b.width)}, card at ${Math.round(box.x + box.width)}`);
        });
      });
      hidden.forEach((p) => p.classList.remove("active"));
      return out;
    });
    expect(overflows).toEqual([]);
  });

  it("clicking a step on the Design tab shows its definition", async () => {
    const panel = section("isolate-on-high-severity").locator('.panel[data-panel="design"]');
    await panel.locator('g.step[data-step="Isolate_machine"]').click();
    const details = panel.locator(".details");
    await expect.poll(() => details.textContent()).toContain("Isolate machine — Defender");
    expect(await details.textContent()).toContain("⚠ destructive");
    expect(await details.locator("pre").first().textContent()).toContain('"path": "/api/machines/@{encodeUriComponent(body(\'Get_machine\')?[\'id\'])}/isolate"');
  });

  it("clicking a step of a scenario run shows its inputs and outputs; skipped steps are faded", async () => {
    const s = section("isolate-on-high-severity");
    await s.locator('.tabs button[data-tab="run0"]').click();
    const panel = s.locator('.panel[data-panel="run0"]');
    await expect.poll(() => panel.evaluate((p) => p.classList.contains("active"))).toBe(true);
    expect(await panel.locator("aside h3").first().textContent()).toBe("High alert: the device is isolated and the SOC is emailed");
    await panel.locator('g.step[data-step="Isolate_machine"]').click();
    const details = panel.locator(".details");
    await expect.poll(() => details.locator("h3").allTextContents()).toEqual(["Isolate machine", "Inputs", "Outputs"]);
    const [inputs, outputs] = await details.locator("pre").allTextContents();
    expect(JSON.parse(inputs!)).toMatchObject({ method: "post", body: { IsolationType: "Full" } });
    expect(JSON.parse(outputs!)).toMatchObject({ statusCode: 201, body: { type: "Isolate", status: "Pending" } });
    expect(await details.locator(".status").textContent()).toBe("Succeeded (Created)");
    // A mail step hides its secured inputs, as run history does.
    await panel.locator('g.step[data-step="Notify_isolated"]').click();
    await expect.poll(() => details.locator("pre").first().textContent()).toBe("Content not shown due to security configuration.");
    // The branch not taken is faded.
    const opacity = await panel.locator('g.step[data-step="Notify_excluded"]').evaluate((g) => getComputedStyle(g).opacity);
    expect(Number(opacity)).toBeLessThan(0.5);
    expect(await panel.locator('g.edge.taken[data-to="Notify_isolated"]').count()).toBe(1);
  });

  it("a failed run shows the failure on the step and the run", async () => {
    const s = section("isolate-on-high-severity");
    await s.locator('.tabs button[data-tab="run3"]').click();
    const panel = s.locator('.panel[data-panel="run3"]');
    await panel.locator('g.step[data-step="Isolate_machine"]').click();
    await expect.poll(() => panel.locator(".details .status").textContent()).toBe("Failed (BadRequest)");
    expect(await panel.locator("aside p .status").first().textContent()).toBe("Failed");
    await panel.locator('g.step[data-step="Isolate_machine"]').screenshot({ path: path.join(ARTIFACTS, "view-failed-step.png") });
  });

  it("a screenshot of the page is kept for the test's artefacts", async () => {
    const s = section("isolate-on-high-severity");
    await s.locator('.tabs button[data-tab="run0"]').click();
    await s.locator('.panel[data-panel="run0"] g.step[data-step="Isolate_machine"]').click();
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const file = path.join(ARTIFACTS, "view.png");
    await page.screenshot({ path: file });
    const png = fs.readFileSync(file);
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    expect(png.length).toBeGreaterThan(20_000);
  });

  it("offline: no request left file://, nothing was refused, no error or CSP report", async () => {
    expect(blocked).toEqual([]);
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((r) => !r.startsWith("file://"))).toEqual([]);
    expect(requests).toEqual([url]);
    expect(problems).toEqual([]);
  });
});
