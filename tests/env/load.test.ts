/** `loadEnvironment` and the plan: reading Pulumi.<env>.yaml, enabled playbooks, parameters, permissions, names (no Pulumi). */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { findCatalogEntry } from "../../playbooks/catalog";
import { ConfigError, loadEnvironment, SECRET_PLACEHOLDER, workflowName } from "../../playbooks/env";
import { requiredPermissions } from "../../operations";
import { REPO } from "../support/paths";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A folder with the given files. */
function folder(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pk-env-"));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

/** The committed dev stack file as an object. */
function devStackFile(): { config: Record<string, any> } {
  const { parse } = require("yaml") as typeof import("yaml");
  return parse(fs.readFileSync(path.join(REPO, "Pulumi.dev.yaml"), "utf8"));
}

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error("expected a ConfigError");
}

describe("the committed environments", () => {
  it("dev: the enabled playbooks, isolation in audit mode, system-assigned identity", () => {
    const plan = loadEnvironment("dev", { root: REPO });
    expect(plan.env).toBe("dev");
    expect(plan.playbooks.map((p) => [p.name, p.workflowName, p.state, p.mode])).toEqual([
      ["isolate-on-high-severity", "isolate-on-high-severity-dev", "Enabled", "audit"],
      ["scheduled-advanced-hunting", "scheduled-advanced-hunting-dev", "Enabled", undefined],
      ["isolate-incident-hosts", "isolate-incident-hosts-dev", "Enabled", "audit"],
      ["release-incident-hosts", "release-incident-hosts-dev", "Enabled", "audit"],
      ["restrict-app-execution-incident-hosts", "restrict-app-execution-incident-hosts-dev", "Enabled", "audit"],
      ["scan-incident-hosts", "scan-incident-hosts-dev", "Enabled", "audit"],
      ["collect-investigation-package", "collect-investigation-package-dev", "Enabled", "audit"],
      // No audit mode: deployed Disabled in dev (see the comment in Pulumi.dev.yaml).
      ["graph-alert-triage", "graph-alert-triage-dev", "Disabled", undefined],
    ]);
    const [isolate, hunting] = plan.playbooks;
    expect(isolate!.parameters).toEqual({
      isolationType: "Selective",
      excludedTags: ["domain-controller", "do-not-isolate"],
      notifyTo: "soc-dev@contoso.com",
      senderMailbox: "mde-automation-dev@contoso.com",
      managedIdentity: "SystemAssigned",
    });
    expect(isolate!.identityParameter).toBeUndefined();
    expect(Object.keys(hunting!.parameters)).toEqual(["recurrenceFrequency", "recurrenceInterval", "notifyTo", "senderMailbox", "managedIdentity"]);
    expect(isolate!.playbook.destructiveSteps).toEqual([]);
    expect(isolate!.connectors).toEqual(["wdatp"]);
    expect(hunting!.connectors).toEqual([]);
  });

  it("prod: isolation enforces; the identity parameter is left to the stack (user-assigned id)", () => {
    const plan = loadEnvironment("prod", { root: REPO });
    const [isolate, hunting] = plan.playbooks;
    expect(isolate!.mode).toBe("enforce");
    expect(isolate!.playbook.destructiveSteps).toEqual(["Isolate_machine"]);
    expect(isolate!.identityParameter).toBe("managedIdentity");
    expect(isolate!.parameters.managedIdentity).toBeUndefined();
    expect(isolate!.parameters.notifyTo).toBe("soc@contoso.com;soc-oncall@contoso.com");
    expect(hunting!.parameters.recurrenceInterval).toBe(4);
    expect(plan.config.logAnalyticsWorkspaceId).toMatch(/\/workspaces\/law-soc-prod$/);
  });

  it("each plan's playbook is the catalog build with the env's mode and channel, and its permissions are requiredPermissions", () => {
    for (const env of ["dev", "prod"]) {
      const plan = loadEnvironment(env, { root: REPO });
      for (const p of plan.playbooks) {
        const expected = findCatalogEntry(p.name)!.create({ ...(p.mode ? { mode: p.mode } : {}), channel: plan.config.notify.channel });
        expect(p.playbook.render()).toBe(expected.render());
        expect(p.permissions).toEqual(requiredPermissions(JSON.parse(p.playbook.render())));
      }
    }
  });
});

describe("the plan", () => {
  it("lists only enabled playbooks, in catalog order whatever the file order, with their state", () => {
    const file = devStackFile();
    const playbooks = file.config["playbook-kit:playbooks"];
    file.config["playbook-kit:playbooks"] = {
      "scheduled-advanced-hunting": { ...playbooks["scheduled-advanced-hunting"], state: "Disabled" },
      "isolate-on-high-severity": playbooks["isolate-on-high-severity"],
    };
    const root = folder({ "Pulumi.x.yaml": stringify(file) });
    expect(loadEnvironment("x", { root }).playbooks.map((p) => [p.name, p.state])).toEqual([
      ["isolate-on-high-severity", "Enabled"],
      ["scheduled-advanced-hunting", "Disabled"],
    ]);
    file.config["playbook-kit:playbooks"]["isolate-on-high-severity"].enabled = false;
    const root2 = folder({ "Pulumi.x.yaml": stringify(file) });
    const plan = loadEnvironment("x", { root: root2 });
    expect(plan.playbooks.map((p) => p.name)).toEqual(["scheduled-advanced-hunting"]);
    expect(plan.config.playbooks["isolate-on-high-severity"]!.enabled).toBe(false);
  });

  it("the outlook channel builds the playbooks with the Outlook connector and no sender", () => {
    const file = devStackFile();
    file.config["playbook-kit:notify"] = { channel: "outlook", recipients: ["a@contoso.com", "b@contoso.com"] };
    const plan = loadEnvironment("x", { root: folder({ "Pulumi.x.yaml": stringify(file) }) });
    expect(plan.playbooks.map((p) => p.connectors)).toEqual([["office365", "wdatp"], ["office365"], ...Array(5).fill(["azuresentinel", "office365", "wdatp"]), ["office365"]]);
    expect(plan.playbooks[0]!.parameters.notifyTo).toBe("a@contoso.com;b@contoso.com");
    expect(plan.playbooks.every((p) => !("senderMailbox" in p.parameters))).toBe(true);
    expect(plan.playbooks.flatMap((p) => p.permissions.map((x) => x.role))).not.toContain("Mail.Send");
  });
});

describe("workflowName", () => {
  it("is <playbook>-<env>, deterministic", () => {
    expect(workflowName("dev", "isolate-on-high-severity")).toBe("isolate-on-high-severity-dev");
    expect(workflowName("prod", "scheduled-advanced-hunting")).toBe("scheduled-advanced-hunting-prod");
  });

  it("stays within the service's 80 characters, distinct names staying distinct", () => {
    const long = "a-playbook-with-a-very-long-name-that-goes-on-and-on-and-on-and-on";
    const a = workflowName("production-europe", long);
    const b = workflowName("production-europa", long);
    expect(a).toHaveLength(80);
    expect(a).toMatch(/^a-playbook-with-a-very-long-name.*-[0-9a-f]{8}$/);
    expect(a).not.toBe(b);
    expect(workflowName("production-europe", long)).toBe(a);
  });
});

describe("reading the files", () => {
  it("a missing file is a ConfigError naming the environments that exist", () => {
    const e = configError(() => loadEnvironment("staging", { root: REPO }));
    expect(e.problems).toEqual([{ path: "Pulumi.staging.yaml", message: `does not exist in ${REPO}; environments there: dev, prod.` }]);
    expect(e.message).toBe(`Pulumi.staging.yaml has 1 problem:\n  - Pulumi.staging.yaml: does not exist in ${REPO}; environments there: dev, prod.`);
  });

  it("refuses environment names that are not stack names", () => {
    expect(configError(() => loadEnvironment("../etc", { root: REPO })).problems[0]!.path).toBe("environment");
  });

  it("reports YAML syntax errors with their line", () => {
    const e = configError(() => loadEnvironment("x", { root: folder({ "Pulumi.x.yaml": "config:\n  playbook-kit:location: [westeurope\n" }) }));
    expect(e.problems[0]!.path).toBe("Pulumi.x.yaml");
    expect(e.problems[0]!.message).toMatch(/^is not valid YAML at line \d+, column \d+/);
  });

  it("needs a config map, namespaced keys; other namespaces are left alone", () => {
    expect(configError(() => loadEnvironment("x", { root: folder({ "Pulumi.x.yaml": "encryptionsalt: abc\n" }) })).problems[0]!.message).toMatch(/needs a top-level 'config:' map/);
    const file = devStackFile();
    file.config["azure-native:location"] = "westeurope";
    file.config.location = "westeurope";
    const e = configError(() => loadEnvironment("x", { root: folder({ "Pulumi.x.yaml": stringify(file) }) }));
    expect(e.problems).toEqual([{ path: "location", message: "needs a namespace: write playbook-kit:location (stack config keys are <namespace>:<key>)." }]);
  });

  it("a playbook-kit:__proto__ key is an unknown key like any other (not a prototype)", () => {
    const text = `${stringify(devStackFile())}  playbook-kit:__proto__:\n    location: northeurope\n`;
    const e = configError(() => loadEnvironment("x", { root: folder({ "Pulumi.x.yaml": text }) }));
    expect(e.problems.map((p) => p.path)).toEqual(["playbook-kit:__proto__"]);
    const project = "name: p\nruntime: nodejs\nconfig:\n  playbook-kit:__proto__:\n    default: {}\n";
    const fromProject = configError(() => loadEnvironment("x", { root: folder({ "Pulumi.yaml": project, "Pulumi.x.yaml": stringify(devStackFile()) }) }));
    expect(fromProject.problems.map((p) => p.path)).toEqual(["playbook-kit:__proto__"]);
  });

  it("reads Pulumi secrets as placeholders (only the Pulumi engine can decrypt them)", () => {
    const file = devStackFile();
    file.config["playbook-kit:notify"].recipients = [{ secure: "v1:abc:def" }];
    file.config["playbook-kit:playbooks"]["scheduled-advanced-hunting"].parameters.huntingQuery = { secure: "v1:xyz" };
    const plan = loadEnvironment("x", { root: folder({ "Pulumi.x.yaml": stringify(file) }) });
    expect(plan.config.notify.recipients).toEqual([SECRET_PLACEHOLDER]);
    expect(plan.playbooks[1]!.parameters.huntingQuery).toBe(SECRET_PLACEHOLDER);
    // A secret where the schema wants something else is still reported.
    file.config["playbook-kit:grantPermissions"] = { secure: "v1:t" };
    expect(configError(() => loadEnvironment("x", { root: folder({ "Pulumi.x.yaml": stringify(file) }) })).problems.map((p) => p.path)).toEqual(["playbook-kit:grantPermissions"]);
  });

  it("reads top-level values as the Pulumi engine hands them to the program (`pulumi config set` writes strings)", () => {
    const file = devStackFile();
    // `pulumi config set playbook-kit:grantPermissions false` writes the string "false" (Pulumi accepts it for a
    // boolean key, and the program receives the same text as for a YAML boolean).
    file.config["playbook-kit:grantPermissions"] = "false";
    file.config["playbook-kit:tags"] = JSON.stringify({ owner: "soc" });
    const text = stringify(file);
    expect(text).toContain('playbook-kit:grantPermissions: "false"');
    const plan = loadEnvironment("x", { root: folder({ "Pulumi.x.yaml": text }) });
    expect(plan.config.grantPermissions).toBe(false);
    expect(plan.config.tags).toEqual({ owner: "soc" });
    // Text that is no JSON where an object goes is still reported at its key, as the program reports it.
    file.config["playbook-kit:notify"] = "soc@contoso.com";
    file.config["playbook-kit:location"] = 42;
    const e = configError(() => loadEnvironment("x", { root: folder({ "Pulumi.x.yaml": stringify(file) }) }));
    expect(e.problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      'playbook-kit:location: must be an Azure region name in lower case without spaces, e.g. westeurope or eastus2 (found "42").',
      'playbook-kit:notify: must be an object, not "soc@contoso.com".',
    ]);
  });

  it("secret recipients are no repeats of each other; a repeated address still is", () => {
    const file = devStackFile();
    file.config["playbook-kit:notify"].recipients = [{ secure: "v1:a" }, { secure: "v1:b" }];
    const plan = loadEnvironment("x", { root: folder({ "Pulumi.x.yaml": stringify(file) }) });
    expect(plan.config.notify.recipients).toEqual([SECRET_PLACEHOLDER, SECRET_PLACEHOLDER]);
    file.config["playbook-kit:notify"].recipients = [{ secure: "v1:a" }, "soc@contoso.com", { secure: "v1:b" }, "soc@contoso.com", "soc@contoso.com"];
    const e = configError(() => loadEnvironment("x", { root: folder({ "Pulumi.x.yaml": stringify(file) }) }));
    expect(e.problems).toEqual([{ path: "playbook-kit:notify.recipients[1]", message: 'repeats "soc@contoso.com" (also at [3], [4]); list each value once.' }]);
  });

  it("applies project-level defaults from Pulumi.yaml, which the stack file overrides", () => {
    const file = devStackFile();
    delete file.config["playbook-kit:location"];
    delete file.config["playbook-kit:grantPermissions"];
    file.config["playbook-kit:tags"] = { owner: "stack" };
    const project = "name: playbook-kit\nruntime: nodejs\nconfig:\n  location:\n    type: string\n    default: northeurope\n  playbook-kit:grantPermissions: false\n  tags:\n    value:\n      owner: project\n  aws:region: us-east-1\n";
    const plan = loadEnvironment("x", { root: folder({ "Pulumi.yaml": project, "Pulumi.x.yaml": stringify(file) }) });
    expect(plan.config.location).toBe("northeurope");
    expect(plan.config.grantPermissions).toBe(false);
    expect(plan.config.tags).toEqual({ owner: "stack" });
  });

  it("defaults to the current folder", () => {
    const root = folder({ "Pulumi.x.yaml": fs.readFileSync(path.join(REPO, "Pulumi.dev.yaml"), "utf8") });
    const cwd = process.cwd();
    try {
      process.chdir(root);
      expect(loadEnvironment("x").playbooks.map((p) => p.name)).toEqual(loadEnvironment("dev", { root: REPO }).playbooks.map((p) => p.name));
    } finally {
      process.chdir(cwd);
    }
  });
});

describe("layering", () => {
  it("loading playbooks/env loads no Pulumi module, and no file under playbooks/ imports one", () => {
    const child = spawnSync(
      process.execPath,
      ["--import", "tsx", "-e", "require('./playbooks/env').loadEnvironment('prod'); console.log(JSON.stringify(Object.keys(require.cache).filter((k) => k.includes('@pulumi') || k.includes('@azure'))))"],
      { cwd: REPO, encoding: "utf8" },
    );
    expect(child.stderr).toBe("");
    expect(JSON.parse(child.stdout)).toEqual([]);
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const f of fs.readdirSync(dir)) {
        const p = path.join(dir, f);
        if (fs.statSync(p).isDirectory()) walk(p);
        else if (f.endsWith(".ts") && /from\s+["']@pulumi\//.test(fs.readFileSync(p, "utf8"))) offenders.push(p);
      }
    };
    walk(path.join(REPO, "playbooks"));
    expect(offenders).toEqual([]);
  });
});
