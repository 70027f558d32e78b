/**
 * Bad configs: the program stops before any resource is registered, with one readable error (a Pulumi
 * RunError: message only, no stack trace) that lists every problem with its config key path.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { runStack } from "./support";
import { findCatalogEntry } from "../../playbooks/catalog";
import { REPO } from "../support/paths";

/** The kit project's playbooks as the messages list them: its catalog entries, then the example. */
const KIT_CATALOG: string[] = JSON.parse(fs.readFileSync(path.join(REPO, "playbook-kit.json"), "utf8")).catalog;
const AVAILABLE = [...KIT_CATALOG, "scan-and-tag-on-alert"].join(", ");
const DESTRUCTIVE = [...KIT_CATALOG.filter((n) => findCatalogEntry(n)!.hasModes), "scan-and-tag-on-alert"].join(", ");

type Raw = Record<string, any>;
type Case = { name: string; env: "dev" | "prod"; change: (raw: Raw) => void; problems: [path: string, fragment: string][] };

const cases: Case[] = [
  {
    name: "an unknown playbook name lists the available ones",
    env: "dev",
    change: (raw) => void (raw.playbooks["isolate-on-high-sev"] = { enabled: true, state: "Enabled" }),
    problems: [["playbook-kit:playbooks.isolate-on-high-sev", `is not a playbook of this project; available: ${AVAILABLE}.`]],
  },
  {
    name: "a parameter the playbook does not declare lists the declared ones",
    env: "dev",
    change: (raw) => void (raw.playbooks["isolate-on-high-severity"].parameters.isolationMode = "Full"),
    problems: [["playbook-kit:playbooks.isolate-on-high-severity.parameters.isolationMode", "its parameters: isolationType (String: Full|Selective), excludedTags (Array)."]],
  },
  {
    name: "a parameter of the wrong type",
    env: "prod",
    change: (raw) => void (raw.playbooks["scheduled-advanced-hunting"].parameters.recurrenceInterval = "4"),
    problems: [["playbook-kit:playbooks.scheduled-advanced-hunting.parameters.recurrenceInterval", 'must be an integer (the playbook declares it Int), not "4".']],
  },
  {
    name: "a parameter value outside its allowed values",
    env: "prod",
    change: (raw) => {
      raw.playbooks["isolate-on-high-severity"].parameters.isolationType = "Partial";
      raw.playbooks["scheduled-advanced-hunting"].parameters.recurrenceFrequency = "Hourly";
    },
    problems: [
      ["playbook-kit:playbooks.isolate-on-high-severity.parameters.isolationType", 'must be one of Full, Selective, not "Partial".'],
      ["playbook-kit:playbooks.scheduled-advanced-hunting.parameters.recurrenceFrequency", 'must be one of Minute, Hour, Day, Week, Month, not "Hourly".'],
    ],
  },
  {
    name: "the graph channel without a sender",
    env: "dev",
    change: (raw) => void delete raw.notify.sender,
    problems: [["playbook-kit:notify.sender", "is required when notify.channel is graph"]],
  },
  {
    name: "the outlook channel with a sender",
    env: "dev",
    change: (raw) => void (raw.notify.channel = "outlook"),
    problems: [["playbook-kit:notify.sender", "is only used with notify.channel graph"]],
  },
  {
    name: "a user-assigned identity without a name",
    env: "prod",
    change: (raw) => void (raw.identity = { type: "UserAssigned" }),
    problems: [["playbook-kit:identity.name", "is required when identity.type is UserAssigned"]],
  },
  {
    name: "mode on a playbook without destructive steps, and an unknown mode on one with them",
    env: "dev",
    change: (raw) => {
      raw.playbooks["scheduled-advanced-hunting"].mode = "audit";
      raw.playbooks["isolate-on-high-severity"].mode = "dry-run";
    },
    problems: [
      ["playbook-kit:playbooks.isolate-on-high-severity.mode", 'must be one of audit, enforce, not "dry-run".'],
      ["playbook-kit:playbooks.scheduled-advanced-hunting.mode", `is only for playbooks with destructive steps (${DESTRUCTIVE})`],
    ],
  },
  {
    name: "missing required keys and a misspelt one",
    env: "dev",
    change: (raw) => {
      delete raw.location;
      raw.grantPermission = raw.grantPermissions;
      delete raw.grantPermissions;
    },
    problems: [
      ["playbook-kit:location", "is required: the Azure region of every resource, e.g. westeurope."],
      ["playbook-kit:grantPermissions", "is required: true to grant the identity its app roles"],
      ["playbook-kit:grantPermission", "is not a known key (did you mean 'grantPermissions'?)"],
    ],
  },
  {
    name: "bad recipients: not addresses, repeated, or none",
    env: "prod",
    change: (raw) => void (raw.notify.recipients = ["soc", "soc@contoso.com", "soc@contoso.com"]),
    problems: [
      ["playbook-kit:notify.recipients[0]", 'must be an email address such as soc@contoso.com (found "soc").'],
      ["playbook-kit:notify.recipients[1]", 'repeats "soc@contoso.com" (also at [2])'],
    ],
  },
  {
    name: "wrong types and enums across sections",
    env: "dev",
    change: (raw) => {
      raw.grantPermissions = "yes";
      raw.resourceGroup.create = 1;
      raw.identity.type = "Managed";
      raw.playbooks["scheduled-advanced-hunting"].state = "Running";
      raw.playbooks["scheduled-advanced-hunting"].enabled = "true";
    },
    problems: [
      ["playbook-kit:grantPermissions", 'must be a boolean, not "yes".'],
      ["playbook-kit:resourceGroup.create", "must be a boolean, not 1."],
      ["playbook-kit:identity.type", 'must be one of SystemAssigned, UserAssigned, not "Managed".'],
      ["playbook-kit:playbooks.scheduled-advanced-hunting.state", 'must be one of Enabled, Disabled, not "Running".'],
      ["playbook-kit:playbooks.scheduled-advanced-hunting.enabled", 'must be a boolean, not "true".'],
    ],
  },
  {
    name: "values the environment fills set on a playbook, a reserved tag and a bad workspace id",
    env: "prod",
    change: (raw) => {
      raw.playbooks["isolate-on-high-severity"].parameters.notifyTo = "someone@contoso.com";
      raw.playbooks["scheduled-advanced-hunting"].parameters.managedIdentity = "SystemAssigned";
      raw.tags.environment = "production";
      raw.logAnalyticsWorkspaceId = "law-soc-prod";
    },
    problems: [
      ["playbook-kit:playbooks.isolate-on-high-severity.parameters.notifyTo", "is filled by the environment: set the recipients in notify.recipients."],
      ["playbook-kit:playbooks.scheduled-advanced-hunting.parameters.managedIdentity", "is filled by the environment: the stack sets it from identity."],
      ["playbook-kit:tags.environment", "is set by the stack on every resource"],
      ["playbook-kit:logAnalyticsWorkspaceId", 'must be a workspace resource id: /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.OperationalInsights/workspaces/<name>. Write the literal value; Pulumi config is not an ARM template. (found "law-soc-prod").'],
    ],
  },
  {
    name: "invalid names and region",
    env: "dev",
    change: (raw) => {
      raw.location = "West Europe";
      raw.resourceGroup.name = "rg mde";
      raw.playbooks = {};
    },
    problems: [
      ["playbook-kit:location", 'must be an Azure region name in lower case without spaces, e.g. westeurope or eastus2 (found "West Europe").'],
      ["playbook-kit:resourceGroup.name", 'must be 1-90 letters, digits'],
      ["playbook-kit:playbooks", `must configure at least one playbook (available: ${AVAILABLE}).`],
    ],
  },
];

describe("a bad config", () => {
  expect(cases.length).toBeGreaterThanOrEqual(10);

  it.each(cases.map((c) => [c.name, c] as const))("%s: one readable error listing every problem, no resource", async (_name, c) => {
    const run = await runStack(c.env, c.change);
    expect(run.registrations).toEqual([]);
    expect(run.invocations).toEqual([]);
    expect(run.unhandledRejections).toEqual([]);
    const error = run.error!;
    expect(error).toBeDefined();
    expect(pulumi.RunError.isInstance(error)).toBe(true); // Pulumi prints the message alone, without a stack trace
    const lines = error.message.split("\n");
    const count = c.problems.length === 1 ? "1 problem" : `${c.problems.length} problems`;
    expect(lines[0]).toBe(`Stack '${c.env}' configuration (Pulumi.${c.env}.yaml) has ${count}:`);
    expect(lines.slice(1)).toHaveLength(c.problems.length);
    for (const [path, fragment] of c.problems) {
      expect(lines.some((l) => l.startsWith(`  - ${path}: `) && l.includes(fragment)), `${path}: ${fragment}\n${error.message}`).toBe(true);
    }
    expect(error.message).not.toMatch(/\n\s+at /);
  });

  it("every committed stack config is valid", async () => {
    for (const env of ["dev", "prod"] as const) {
      const run = await runStack(env);
      expect(run.error).toBeUndefined();
      expect(run.registrations.length).toBeGreaterThan(10);
    }
  });
});

describe("a secret where the stack cannot keep it secret", () => {
  it("is refused before any resource, with the other problems, instead of landing in plain state", async () => {
    const run = await runStack("prod", (raw) => void (raw.location = "West Europe"), ["playbook-kit:tags", "playbook-kit:logAnalyticsWorkspaceId", "playbook-kit:notify"]);
    expect(run.registrations).toEqual([]);
    expect(run.unhandledRejections).toEqual([]);
    expect(pulumi.RunError.isInstance(run.error!)).toBe(true);
    const lines = run.error!.message.split("\n");
    expect(lines[0]).toBe("Stack 'prod' configuration (Pulumi.prod.yaml) has 3 problems:");
    expect(lines.slice(1).map((l) => l.split(": ")[0])).toEqual(["  - playbook-kit:location", "  - playbook-kit:logAnalyticsWorkspaceId", "  - playbook-kit:tags"]);
    expect(lines[3]).toBe(
      "  - playbook-kit:tags: is a Pulumi secret, but the stack writes it into resource names, ids, tags or settings that Pulumi keeps in plain state; set it without --secret.",
    );
  });

  it("recipients, sender and playbook parameters may be secrets (they become secret workflow parameters)", async () => {
    const run = await runStack("prod", undefined, ["playbook-kit:notify", "playbook-kit:playbooks"]);
    expect(run.error).toBeUndefined();
    expect(run.registrations.length).toBeGreaterThan(10);
  });
});
