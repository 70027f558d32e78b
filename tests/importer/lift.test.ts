/** `--lift`: which literal values become parameters, and that lifted imports still round-trip exactly. */
import { describe, expect, it } from "vitest";
import { importPlaybooks, liftDefinition } from "../../importer";
import { CORPUS, CORPUS_EXTRA } from "../support/paths";

const SUB = "6d1fdbe0-117a-4049-bfbf-9316761584c9";

describe("liftDefinition", () => {
  it("lifts literal text and interpolation text, and leaves expression literals, ARM expressions and cut-short values alone", () => {
    const definition = {
      parameters: { existing: { type: "String" } },
      triggers: { manual: { type: "Request", kind: "Http" } },
      actions: {
        A: {
          type: "Compose",
          inputs: {
            to: "soc@contoso.com",
            text: "Mail soc@contoso.com about @{triggerBody()}",
            expr: "@concat('x@contoso.com', 'y')",
            arm: "[concat('a@contoso.com')]",
            uri: `https://management.azure.com/subscriptions/${SUB}/resourceGroups/rg-sec/providers/x`,
            cut: `https://management.azure.com/subscriptions/${SUB}/resourceGroups/rg-@{triggerBody()}/x`,
            site: "https://contoso.sharepoint.com/sites/soc",
          },
        },
      },
    };
    const { definition: out, lifted } = liftDefinition(definition, true);
    const inputs = (out.actions as { A: { inputs: Record<string, string> } }).A.inputs;
    expect(inputs.to).toBe("@{parameters('notifyEmail')}");
    expect(inputs.text).toBe("Mail @{parameters('notifyEmail')} about @{triggerBody()}");
    expect(inputs.expr).toBe("@concat('x@contoso.com', 'y')");
    expect(inputs.arm).toBe("[concat('a@contoso.com')]");
    expect(inputs.uri).toBe("https://management.azure.com/subscriptions/@{parameters('subscriptionId')}/resourceGroups/@{parameters('resourceGroup')}/providers/x");
    expect(inputs.cut).toBe("https://management.azure.com/subscriptions/@{parameters('subscriptionId')}/resourceGroups/rg-@{triggerBody()}/x");
    expect(inputs.site).toBe("@{parameters('tenantUrl')}/sites/soc");
    expect(lifted.map((l) => [l.parameter, l.value])).toEqual([
      ["notifyEmail", "soc@contoso.com"],
      ["subscriptionId", SUB],
      ["resourceGroup", "rg-sec"],
      ["tenantUrl", "https://contoso.sharepoint.com"],
    ]);
    expect(lifted[0]!.pointers).toEqual(["/actions/A/inputs/to", "/actions/A/inputs/text"]);
    expect(Object.keys(out.parameters as object)).toEqual(["existing", "notifyEmail", "subscriptionId", "resourceGroup", "tenantUrl"]);
  });

  it("keeps every corpus round trip exact with --lift", () => {
    const result = importPlaybooks([CORPUS, CORPUS_EXTRA], { lift: true });
    expect(result.report.playbooks.filter((p) => p.roundTrip !== "exact").map((p) => p.source)).toEqual([]);
    expect(result.report.playbooks.filter((p) => p.lifted.length).length).toBeGreaterThan(3);
  });
});
