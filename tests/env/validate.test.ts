/** `validateEnvironmentConfig`: the schema, cross-key rules and catalog checks, all problems at once (no Pulumi). */
import { describe, expect, it } from "vitest";
import { ConfigError, SECRET_PLACEHOLDER, planEnvironment, validateEnvironmentConfig, readEnvironmentConfig, type ConfigProblem } from "../../playbooks/env";
import { REPO } from "../support/paths";
import { catalog } from "../../playbooks/catalog";

/** The catalog as the messages list it (every catalog playbook; those with destructive steps). */
const AVAILABLE = catalog.map((e) => e.name).join(", ");
const DESTRUCTIVE = catalog.filter((e) => e.hasModes).map((e) => e.name).join(", ");

type Raw = Record<string, any>;

const dev = (): Raw => structuredClone(readEnvironmentConfig("dev", { root: REPO })) as Raw;

/** The problems a raw config gives (fails when it is valid). */
function problemsOf(raw: unknown): ConfigProblem[] {
  try {
    validateEnvironmentConfig(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error("expected a ConfigError");
}

function messageAt(problems: ConfigProblem[], path: string): string {
  const found = problems.filter((p) => p.path === path);
  expect(found.map((p) => p.path), JSON.stringify(problems, null, 2)).toEqual([path]);
  return found[0]!.message;
}

describe("a valid config", () => {
  it("is returned typed, with defaults applied", () => {
    const raw = dev();
    delete raw.tags;
    delete raw.playbooks["scheduled-advanced-hunting"].parameters;
    const config = validateEnvironmentConfig(raw);
    expect(config.tags).toEqual({});
    expect(config.playbooks["scheduled-advanced-hunting"]).toEqual({ enabled: true, state: "Enabled", parameters: {} });
    expect(config.playbooks["isolate-on-high-severity"]!.mode).toBe("audit");
    expect(config.identity).toEqual({ type: "SystemAssigned" });
    expect(config.notify).toEqual({ channel: "graph", sender: "mde-automation-dev@contoso.com", recipients: ["soc-dev@contoso.com"] });
  });

  it("accepts a disabled destructive playbook without a mode", () => {
    const raw = dev();
    raw.playbooks["isolate-on-high-severity"] = { enabled: false, state: "Enabled" };
    expect(validateEnvironmentConfig(raw).playbooks["isolate-on-high-severity"]).toEqual({ enabled: false, state: "Enabled", parameters: {} });
  });

  it("accepts values that are Pulumi secrets where strings go", () => {
    const raw = dev();
    raw.notify.sender = SECRET_PLACEHOLDER;
    raw.notify.recipients = [SECRET_PLACEHOLDER, "soc@contoso.com"];
    raw.playbooks["scheduled-advanced-hunting"].parameters.huntingQuery = SECRET_PLACEHOLDER;
    expect(() => validateEnvironmentConfig(raw)).not.toThrow();
  });
});

describe("the error", () => {
  it("lists every problem, each with its config key path, in one readable block", () => {
    const raw = dev();
    raw.location = "West Europe";
    delete raw.notify.sender;
    raw.playbooks["isolate-on-high-severity"].parameters.isolationType = "Partial";
    raw.playbooks.nope = { enabled: true, state: "Enabled" };
    let error: ConfigError | undefined;
    try {
      validateEnvironmentConfig(raw);
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(error!.problems.map((p) => p.path)).toEqual([
      "playbook-kit:location",
      "playbook-kit:notify.sender",
      "playbook-kit:playbooks.isolate-on-high-severity.parameters.isolationType",
      "playbook-kit:playbooks.nope",
    ]);
    expect(error!.message).toBe(
      [
        "The playbook-kit configuration has 4 problems:",
        '  - playbook-kit:location: must be an Azure region name in lower case without spaces, e.g. westeurope or eastus2 (found "West Europe").',
        "  - playbook-kit:notify.sender: is required when notify.channel is graph: the mailbox Graph sendMail sends from (the identity needs Mail.Send).",
        '  - playbook-kit:playbooks.isolate-on-high-severity.parameters.isolationType: must be one of Full, Selective, not "Partial".',
        `  - playbook-kit:playbooks.nope: is not a playbook of this project; available: ${AVAILABLE}.`,
      ].join("\n"),
    );
  });

  it("reports a config that is not an object", () => {
    for (const raw of [null, "x", [], 3]) expect(problemsOf(raw).map((p) => p.path)).toEqual(["playbook-kit:"]);
    expect(problemsOf({}).map((p) => p.path)).toEqual([
      "playbook-kit:grantPermissions",
      "playbook-kit:identity",
      "playbook-kit:location",
      "playbook-kit:notify",
      "playbook-kit:playbooks",
      "playbook-kit:resourceGroup",
    ]);
  });
});

describe("playbooks", () => {
  it("an unknown name lists the available playbooks", () => {
    const raw = dev();
    raw.playbooks["isolate-high"] = { enabled: false, state: "Enabled" };
    raw.playbooks.other = "yes";
    const problems = problemsOf(raw);
    expect(messageAt(problems, "playbook-kit:playbooks.isolate-high")).toBe(`is not a playbook of this project; available: ${AVAILABLE}.`);
    expect(problems.filter((p) => p.path === "playbook-kit:playbooks.other").map((p) => p.message)).toEqual([
      "must be an object, not \"yes\".",
      `is not a playbook of this project; available: ${AVAILABLE}.`,
    ]);
  });

  it("a parameter the playbook does not declare lists the ones it does, with types and allowed values", () => {
    const raw = dev();
    raw.playbooks["scheduled-advanced-hunting"].parameters.query = "DeviceEvents";
    expect(messageAt(problemsOf(raw), "playbook-kit:playbooks.scheduled-advanced-hunting.parameters.query")).toBe(
      "is not a parameter of scheduled-advanced-hunting; its parameters: huntingQuery (String), recurrenceFrequency (String: Minute|Hour|Day|Week|Month), recurrenceInterval (Int).",
    );
  });

  it("checks values against the definition's declarations: type and allowed values", () => {
    const raw = dev();
    Object.assign(raw.playbooks["scheduled-advanced-hunting"].parameters, { huntingQuery: 42, recurrenceFrequency: "Fortnight", recurrenceInterval: 2.5 });
    Object.assign(raw.playbooks["isolate-on-high-severity"].parameters, { excludedTags: { tag: "dc" }, isolationType: ["Full"] });
    const problems = problemsOf(raw);
    const at = (p: string, n: string) => messageAt(problems, `playbook-kit:playbooks.${p}.parameters.${n}`);
    expect(at("scheduled-advanced-hunting", "huntingQuery")).toBe("must be a string (the playbook declares it String), not 42.");
    expect(at("scheduled-advanced-hunting", "recurrenceFrequency")).toBe('must be one of Minute, Hour, Day, Week, Month, not "Fortnight".');
    expect(at("scheduled-advanced-hunting", "recurrenceInterval")).toBe("must be an integer (the playbook declares it Int), not 2.5.");
    expect(at("isolate-on-high-severity", "excludedTags")).toBe("must be a list (the playbook declares it Array), not an object.");
    expect(at("isolate-on-high-severity", "isolationType")).toBe("must be a string (the playbook declares it String), not a list.");
    expect(problems).toHaveLength(5);
  });

  it("checks disabled playbooks too, so enabling one later cannot surprise", () => {
    const raw = dev();
    raw.playbooks["scheduled-advanced-hunting"].enabled = false;
    raw.playbooks["scheduled-advanced-hunting"].parameters.recurrenceInterval = "1";
    expect(problemsOf(raw).map((p) => p.path)).toEqual(["playbook-kit:playbooks.scheduled-advanced-hunting.parameters.recurrenceInterval"]);
  });

  it("parameters the environment fills are refused where they would be ignored", () => {
    const raw = dev();
    raw.playbooks["isolate-on-high-severity"].parameters.senderMailbox = "x@contoso.com";
    raw.playbooks["isolate-on-high-severity"].parameters.$connections = {};
    const problems = problemsOf(raw);
    expect(messageAt(problems, "playbook-kit:playbooks.isolate-on-high-severity.parameters.senderMailbox")).toBe("is filled by the environment: set the sending mailbox in notify.sender.");
    expect(messageAt(problems, "playbook-kit:playbooks.isolate-on-high-severity.parameters.$connections")).toBe("is filled by the environment: the stack wires the connections itself.");
  });

  it("senderMailbox is not a parameter at all on the outlook channel", () => {
    const raw = dev();
    raw.notify = { channel: "outlook", recipients: ["soc@contoso.com"] };
    raw.playbooks["isolate-on-high-severity"].parameters.senderMailbox = "x@contoso.com";
    expect(messageAt(problemsOf(raw), "playbook-kit:playbooks.isolate-on-high-severity.parameters.senderMailbox")).toMatch(/^is not a parameter of isolate-on-high-severity; its parameters: isolationType/);
  });

  it("mode: optional (the builder's default, enforce) for playbooks with destructive steps, refused for the others", () => {
    const raw = dev();
    delete raw.playbooks["isolate-on-high-severity"].mode;
    expect(() => validateEnvironmentConfig(raw)).not.toThrow();
    const isolate = planEnvironment("dev", raw).playbooks.find((p) => p.name === "isolate-on-high-severity")!;
    expect(isolate.playbook.destructiveSteps).toEqual(["Isolate_machine"]);
    raw.playbooks["scheduled-advanced-hunting"].mode = "enforce";
    const problems = problemsOf(raw);
    expect(problems.filter((p) => p.path === "playbook-kit:playbooks.isolate-on-high-severity.mode")).toEqual([]);
    expect(messageAt(problems, "playbook-kit:playbooks.scheduled-advanced-hunting.mode")).toBe(
      `is only for playbooks with destructive steps (${DESTRUCTIVE}); scheduled-advanced-hunting has none, remove mode.`,
    );
    raw.playbooks["isolate-on-high-severity"].mode = "dry-run";
    expect(messageAt(problemsOf(raw), "playbook-kit:playbooks.isolate-on-high-severity.mode")).toBe('must be one of audit, enforce, not "dry-run".');
  });

  it("state and enabled are required, unknown settings refused", () => {
    const raw = dev();
    raw.playbooks["scheduled-advanced-hunting"] = { parameters: {}, schedule: "hourly" };
    expect(problemsOf(raw)).toEqual([
      { path: "playbook-kit:playbooks.scheduled-advanced-hunting.enabled", message: "is required: true to deploy the playbook, false to remove it." },
      { path: "playbook-kit:playbooks.scheduled-advanced-hunting.schedule", message: "is not a known key; known keys here: enabled, state, mode, parameters, automationRule." },
      { path: "playbook-kit:playbooks.scheduled-advanced-hunting.state", message: "is required: Enabled or Disabled (the deployed workflow's state)." },
    ]);
  });
});

describe("cross-key rules", () => {
  it("identity: UserAssigned needs a name, SystemAssigned takes none", () => {
    const raw = dev();
    raw.identity = { type: "UserAssigned" };
    expect(messageAt(problemsOf(raw), "playbook-kit:identity.name")).toMatch(/^is required when identity.type is UserAssigned/);
    raw.identity = { type: "SystemAssigned", name: "id-x" };
    expect(messageAt(problemsOf(raw), "playbook-kit:identity.name")).toMatch(/^is only used with identity.type UserAssigned/);
    raw.identity = { type: "UserAssigned", name: "x" };
    expect(messageAt(problemsOf(raw), "playbook-kit:identity.name")).toBe('must be 3-128 letters, digits, \'-\' or \'_\', starting with a letter or digit (found "x").');
  });

  it("notify: graph needs a sender, outlook takes none; recipients are addresses, at least one, no repeats", () => {
    const raw = dev();
    raw.notify = { channel: "outlook", sender: "a@contoso.com", recipients: [] };
    const problems = problemsOf(raw);
    expect(messageAt(problems, "playbook-kit:notify.sender")).toMatch(/^is only used with notify.channel graph/);
    expect(messageAt(problems, "playbook-kit:notify.recipients")).toBe("must list at least one recipient.");
    raw.notify = { channel: "graph", recipients: ["soc@contoso", "a b@contoso.com"] };
    const more = problemsOf(raw);
    expect(more.map((p) => p.path)).toEqual(["playbook-kit:notify.recipients[0]", "playbook-kit:notify.recipients[1]", "playbook-kit:notify.sender"]);
  });

  it("tags: the stack's own names are reserved; at most 47; no forbidden characters", () => {
    const raw = dev();
    raw.tags = { "Managed-By": "me", "a?b": "x" };
    const problems = problemsOf(raw);
    expect(messageAt(problems, "playbook-kit:tags.Managed-By")).toMatch(/^is set by the stack on every resource/);
    expect(messageAt(problems, 'playbook-kit:tags["a?b"]')).toBe("tag names must not contain < > % & \\ ? /.");
    raw.tags = Object.fromEntries(Array.from({ length: 48 }, (_, i) => [`t${i}`, "v"]));
    expect(messageAt(problemsOf(raw), "playbook-kit:tags")).toBe("has 48 entries; at most 47 are allowed (Azure allows 50 tags and the stack sets managed-by, environment, playbook).");
  });

  it("logAnalyticsWorkspaceId must be a workspace resource id", () => {
    const raw = dev();
    raw.logAnalyticsWorkspaceId = "/subscriptions/6f1c3b5e-2a4d-4c8e-9f0a-1b2c3d4e5f60/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/law-1";
    expect(() => validateEnvironmentConfig(raw)).not.toThrow();
    raw.logAnalyticsWorkspaceId = "[resourceId('Microsoft.OperationalInsights/workspaces', 'law')]";
    expect(messageAt(problemsOf(raw), "playbook-kit:logAnalyticsWorkspaceId")).toMatch(/^must be a workspace resource id/);
  });

  it("suggests the key a misspelling meant", () => {
    const raw = dev();
    raw.resourceGroup.crate = true;
    raw.Location = "westeurope";
    const problems = problemsOf(raw);
    expect(messageAt(problems, "playbook-kit:resourceGroup.crate")).toBe("is not a known key (did you mean 'create'?); known keys here: name, create.");
    expect(messageAt(problems, "playbook-kit:Location")).toMatch(/^is not a known key \(did you mean 'location'\?\)/);
  });
});
