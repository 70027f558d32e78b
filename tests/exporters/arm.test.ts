import { describe, expect, it } from "vitest";
import { toArmTemplate, type ArmExportOptions, type ExportablePlaybook } from "../../exporters/arm";
import { isArmExpressionString, unescapeArmString } from "../../exporters/arm-escape";
import { catalog } from "../../playbooks/catalog";
import { loadEnvironment } from "../../playbooks/env";
import { definePlaybook, param, request, text } from "../../playbooks/kit";
import { isAppRole, requiredPermissions } from "../../operations";
import { validate } from "../../validators";
import { walkStrings } from "../../wdl";
import { armSchemaValidators } from "../support/arm-schemas";
import { REPO } from "../support/paths";

type Obj = Record<string, any>;
const json = (v: unknown): Obj => JSON.parse(JSON.stringify(v));
/** The template's one workflow resource (a Sentinel playbook's role deployment may follow it). */
const workflowOf = (template: Obj): Obj => {
  const workflows = template.resources.filter((r: Obj) => r.type === "Microsoft.Logic/workflows");
  expect(workflows).toHaveLength(1);
  return workflows[0];
};
/** The ARM template functions the exporter writes; any other `[...]` string outside the definition is a defect. */
const ARM_FUNCTIONS = /^\[(parameters|variables|concat|resourceId|resourceGroup|reference|json|split|last|guid|format|subscriptionResourceId)\(/;
const ARM_EXPRESSION = /^\[([^\[].*)?\]$/; // common/definitions.json#/definitions/expression

/**
 * The Sentinel role deployment (no published schema in ../shared/schemas covers Microsoft.Resources/deployments or
 * Microsoft.Authorization/roleAssignments): its targeting fields are ARM expressions, the nested template uses the
 * inner scope, and each assignment carries a role definition, a principal and a workspace scope.
 */
function checkRoleDeployment(resource: Obj): void {
  expect(resource.apiVersion).toBe("2022-09-01");
  for (const key of ["name", "subscriptionId", "resourceGroup"]) expect(resource[key], key).toMatch(ARM_EXPRESSION);
  expect(resource.dependsOn).toEqual(["[resourceId('Microsoft.Logic/workflows', parameters('workflowName'))]"]);
  expect(resource.properties.mode).toBe("Incremental");
  expect(resource.properties.expressionEvaluationOptions).toEqual({ scope: "inner" });
  const inner = resource.properties.template;
  expect(Object.keys(inner.parameters).sort()).toEqual(Object.keys(resource.properties.parameters).sort());
  expect(inner.resources.length).toBeGreaterThan(0);
  for (const a of inner.resources) {
    expect(a).toMatchObject({ type: "Microsoft.Authorization/roleAssignments", apiVersion: "2022-04-01", properties: { principalType: "ServicePrincipal" } });
    for (const v of [a.name, a.scope, a.properties.roleDefinitionId, a.properties.principalId]) expect(v).toMatch(ARM_EXPRESSION);
  }
}

/** Every template the tests check: both catalog playbooks with default options, and as the dev and prod environments export them. */
function templates(): { label: string; playbook: ExportablePlaybook; options: ArmExportOptions; template: Obj }[] {
  const out = catalog.map((e) => {
    const playbook = e.create();
    return { label: `${e.name} (catalog)`, playbook, options: {}, template: json(toArmTemplate(playbook)) };
  });
  for (const env of ["dev", "prod"]) {
    const plan = loadEnvironment(env, { root: REPO });
    for (const p of plan.playbooks) {
      const options: ArmExportOptions = {
        workflowName: p.workflowName,
        environment: env,
        parameterValues: p.parameters,
        state: p.state,
        identity: plan.config.identity.type === "UserAssigned" ? { type: "UserAssigned", name: plan.config.identity.name! } : { type: "SystemAssigned" },
      };
      out.push({ label: `${p.name} (${env})`, playbook: p.playbook, options, template: json(toArmTemplate(p.playbook, options)) });
    }
  }
  return out;
}
const all = templates();

describe("ARM templates of the catalog playbooks", () => {
  const schemas = armSchemaValidators("object-or-expression");
  const unpatched = armSchemaValidators("as-published");

  for (const { label, template } of all) {
    it(`${label}: every resource validates against the ARM schemas (ajv-draft-04)`, () => {
      const workflow = workflowOf(template);
      expect(workflow.apiVersion).toBe("2019-05-01");
      for (const resource of template.resources) {
        if (resource.type === "Microsoft.Resources/deployments") {
          checkRoleDeployment(resource);
          continue;
        }
        const check = resource.type === "Microsoft.Web/connections" ? schemas.connection : schemas.workflow;
        expect(check(resource), JSON.stringify(check.errors?.slice(0, 3))).toBe(true);
      }
      // Against the unpatched 2019-05-01 file the only complaints are about parameter values given as ARM expressions.
      unpatched.workflow(workflow);
      const paths = new Set((unpatched.workflow.errors ?? []).map((e) => e.instancePath));
      for (const p of paths) expect(p).toMatch(/^\/properties(\/parameters(\/[^/]+(\/value)?)?)?$/);
    });

    it(`${label}: our validator finds no error in template mode`, () => {
      const errors = validate(template).filter((d) => d.severity === "error");
      expect(errors).toEqual([]);
    });

    it(`${label}: holds no unescaped literal '['`, () => {
      const workflow = workflowOf(template);
      walkStrings(workflow.properties.definition, "/properties/definition", (value, pointer) => {
        expect(isArmExpressionString(value), `${pointer}: ${value}`).toBe(false);
      });
      // Outside the definition, the only ARM expressions are the template's own.
      const { properties: _p, ...shell } = workflow;
      const others = template.resources.filter((r: Obj) => r !== workflow);
      walkStrings({ ...template, resources: [...others, { ...shell, parameters: workflow.properties.parameters }] }, "", (value, pointer) => {
        if (!isArmExpressionString(value)) return;
        expect(value, pointer).toMatch(ARM_FUNCTIONS);
      });
    });
  }

  it("deploys the definition unchanged: unescaping gives back the built definition", () => {
    for (const { playbook, template } of all) {
      const unescape = (v: unknown): unknown =>
        typeof v === "string" ? unescapeArmString(v) : Array.isArray(v) ? v.map(unescape) : v && typeof v === "object" ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, unescape(x)])) : v;
      expect(unescape(workflowOf(template).properties.definition)).toEqual(json(playbook.definition));
    }
  });

  it("wires the wdatp connection with the managed identity (parameterValueType Alternative) and Office 365 as OAuth", () => {
    const isolate = json(toArmTemplate(catalog[0]!.create({ channel: "outlook" })));
    const [wdatp, office] = [...isolate.resources].filter((r: Obj) => r.type === "Microsoft.Web/connections").sort((a: Obj, b: Obj) => (a.name > b.name ? -1 : 1));
    expect(wdatp.properties).toEqual({
      displayName: "[variables('connectionName_wdatp')]",
      customParameterValues: {},
      parameterValueType: "Alternative",
      api: { id: "[concat('/subscriptions/', subscription().subscriptionId, '/providers/Microsoft.Web/locations/', parameters('location'), '/managedApis/wdatp')]" },
    });
    expect(office.properties.parameterValueType).toBeUndefined();
    const workflow = isolate.resources.at(-1);
    expect(workflow.identity).toEqual({ type: "SystemAssigned" });
    expect(workflow.dependsOn).toEqual(["[resourceId('Microsoft.Web/connections', variables('connectionName_office365'))]", "[resourceId('Microsoft.Web/connections', variables('connectionName_wdatp'))]"]);
    expect(workflow.properties.parameters.$connections.value.wdatp).toEqual({
      connectionId: "[resourceId('Microsoft.Web/connections', variables('connectionName_wdatp'))]",
      connectionName: "[variables('connectionName_wdatp')]",
      id: "[concat('/subscriptions/', subscription().subscriptionId, '/providers/Microsoft.Web/locations/', parameters('location'), '/managedApis/wdatp')]",
      connectionProperties: { authentication: { type: "ManagedServiceIdentity" } },
    });
    expect(workflow.properties.parameters.$connections.value.office365.connectionProperties).toBeUndefined();
    expect(isolate.metadata.postDeployment.some((s: string) => s.startsWith("Authorize the Office 365 Outlook connection"))).toBe(true);
  });

  it("makes environment values template parameter defaults, and secure parameters securestring without a default", () => {
    const dev = all.find((t) => t.label === "isolate-on-high-severity (dev)")!.template;
    expect(dev.parameters.workflowName.defaultValue).toBe("isolate-on-high-severity-dev");
    expect(dev.parameters.isolationType).toMatchObject({ type: "string", defaultValue: "Selective", allowedValues: ["Full", "Selective"] });
    expect(dev.parameters.excludedTags).toMatchObject({ type: "array", defaultValue: ["domain-controller", "do-not-isolate"] });
    for (const secure of ["notifyTo", "senderMailbox"]) {
      expect(dev.parameters[secure].type).toBe("securestring");
      expect(dev.parameters[secure]).not.toHaveProperty("defaultValue");
      expect(dev.resources.at(-1).properties.parameters[secure]).toEqual({ value: `[parameters('${secure}')]` });
    }
    expect(JSON.stringify(dev)).not.toContain("soc-dev@contoso.com");
    const hunting = all.find((t) => t.label === "scheduled-advanced-hunting (prod)")!.template;
    expect(hunting.parameters.recurrenceInterval).toMatchObject({ type: "int", defaultValue: 4 });
    expect(hunting.parameters.huntingQuery.defaultValue).toMatch(/^DeviceProcessEvents/);
    const catalogDefault = all.find((t) => t.label === "isolate-on-high-severity (catalog)")!.template;
    expect(catalogDefault.parameters.isolationType.defaultValue).toBe("Full");
    expect(catalogDefault.parameters.workflowName.defaultValue).toBe("isolate-on-high-severity");
  });

  it("gives parameters whose environment value is a secret it cannot read no default: the deployer supplies them", () => {
    const playbook = catalog[1]!.create();
    const template = json(toArmTemplate(playbook, { parameterValues: { recurrenceInterval: 2 }, secretParameters: ["huntingQuery"] }));
    expect(template.parameters.huntingQuery).toEqual({
      type: "securestring",
      metadata: { description: "The KQL query to run. The environment keeps this value as a secret: give it at deployment." },
    });
    expect(template.resources.at(-1).properties.parameters.huntingQuery).toEqual({ value: "[parameters('huntingQuery')]" });
    expect(template.parameters.recurrenceInterval.defaultValue).toBe(2);
    expect(validate(template).filter((d) => d.severity === "error")).toEqual([]);
  });

  it("runs as the environment's user-assigned identity when it has one", () => {
    const prod = all.find((t) => t.label === "isolate-on-high-severity (prod)")!.template;
    const id = "[resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', parameters('identityName'))]";
    expect(prod.parameters.identityName.defaultValue).toBe("id-mde-playbooks-prod");
    const workflow = prod.resources.at(-1);
    expect(workflow.identity).toEqual({ type: "UserAssigned", userAssignedIdentities: { [id]: {} } });
    expect(workflow.properties.parameters.managedIdentity).toEqual({ value: id });
    expect(workflow.properties.parameters.$connections.value.wdatp.connectionProperties.authentication).toEqual({ type: "ManagedServiceIdentity", identity: id });
  });

  it("lists the app roles to grant, with a command for each, in the Sentinel-style metadata", () => {
    for (const { playbook, template } of all) {
      const m = template.metadata;
      expect(m.title).toBe(playbook.name);
      expect(m.description).toBe(playbook.description);
      expect(m.prerequisites.length).toBeGreaterThan(0);
      const roles = requiredPermissions(playbook.definition);
      expect(roles.length).toBeGreaterThan(0);
      for (const role of roles.filter(isAppRole)) {
        const appId = role.resource === "WindowsDefenderATP" ? "fc780465-2017-40d4-a0c5-307022471b92" : "00000003-0000-0000-c000-000000000000";
        const command = m.postDeployment.find((s: string) => s.includes(`$_.Value -eq '${role.role}'`));
        expect(command, role.role).toContain(`appId eq '${appId}'`);
        expect(command).toContain("New-MgServicePrincipalAppRoleAssignment");
      }
      expect(m.permissions.map((p: Obj) => `${p.resource}/${p.role}`)).toEqual(roles.map((r) => `${r.resource}/${r.role}`));
    }
  });

  it("escapes literal strings ARM would evaluate, and only those", () => {
    const playbook = definePlaybook({
      name: "bracket-test",
      description: "Literal brackets.",
      parameters: { label: param.string({ default: "[default]" }) },
      trigger: request(),
      build({ flow, params }) {
        flow.compose("Literal", "[not an ARM expression]");
        flow.compose("Prefix only", "[MDE] alert");
        flow.compose("Interpolated", text`[${params.label}]`);
        flow.compose("Nested", { list: ["[a]", "b]"], "[key]": "x" });
      },
    });
    const template = json(toArmTemplate(playbook));
    const actions = template.resources.at(-1).properties.definition.actions;
    expect(actions.Literal.inputs).toBe("[[not an ARM expression]");
    expect(actions.Prefix_only.inputs).toBe("[MDE] alert"); // not `[...]`: ARM keeps it literal, and would keep a `[[` too
    expect(actions.Interpolated.inputs).toBe("[[@{parameters('label')}]");
    expect(actions.Nested.inputs).toEqual({ list: ["[[a]", "b]"], "[key]": "x" });
    expect(template.parameters.label.defaultValue).toBe("[[default]");
    expect(template.resources.at(-1).properties.definition.parameters.label.defaultValue).toBe("[[default]");
  });

  it("is deterministic", () => {
    const again = templates();
    expect(again.map((t) => JSON.stringify(t.template))).toEqual(all.map((t) => JSON.stringify(t.template)));
  });
});
