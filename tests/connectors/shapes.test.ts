/**
 * Runtime shapes of the operation catalogue: every operation and trigger has one, the TypeScript types are
 * the shapes' (checked by the type checker: `npm run typecheck` compiles this file), and a hand-written type
 * tied to a shape with `shapeOf` does not compile when the two differ.
 */
import { describe, expect, it } from "vitest";
import {
  allOperations,
  findCalledOperation,
  shape,
  shapeOf,
  WEBHOOK_OPERATIONS,
  type Alert,
  type AlertNotification,
  type Equal,
  type Infer,
  type Machine,
  type MachineAction,
  type ODataList,
  type OutputOf,
  type Shape,
} from "../../operations";
import { defenderCatalogue, graphMailCatalogue } from "../../operations";

/** Problems of a shape: `optional` outside an object's fields, empty enums. */
function problems(s: Shape, where: string, inObject = false): string[] {
  switch (s.kind) {
    case "optional":
      return inObject ? problems(s.inner, where) : [`${where}: optional outside an object`];
    case "enum":
      return s.values.length ? [] : [`${where}: an enum without values`];
    case "array":
      return problems(s.items, `${where}[]`);
    case "nullable":
      return problems(s.inner, where);
    case "record":
      return problems(s.values, `${where}{}`);
    case "object":
      return Object.entries(s.fields).flatMap(([k, f]) => problems(f, `${where}.${k}`, true));
    default:
      return [];
  }
}

describe("operation shapes", () => {
  it("every declared operation has a well-formed output shape", () => {
    const missing = allOperations().filter(({ operation }) => operation.output === undefined).map(({ key, operation }) => `${key}.${operation.name}`);
    expect(missing).toEqual([]);
    expect(allOperations().flatMap(({ key, operation }) => problems(operation.output!, `${key}.${operation.name}`))).toEqual([]);
  });

  it("every webhook trigger declares what it delivers; the alert webhook delivers id and machineId", () => {
    for (const trigger of WEBHOOK_OPERATIONS) expect(problems(trigger.output, trigger.name)).toEqual([]);
    const alert = WEBHOOK_OPERATIONS.find((w) => w.name === "alertCreated")!;
    expect(alert.output).toEqual({ kind: "object", fields: { id: { kind: "string", format: "id", of: "alert" }, machineId: { kind: "string", format: "id", of: "machine" } } });
  });

  it("device objects are marked, and their tags are tags", () => {
    const machine = defenderCatalogue.getMachine.output!;
    expect(machine).toMatchObject({ kind: "object", entity: "machine", fields: { machineTags: { kind: "array", tags: true }, id: { of: "machine" } } });
    expect(defenderCatalogue.getAlert.output).toMatchObject({ fields: { severity: { kind: "enum", values: ["UnSpecified", "Informational", "Low", "Medium", "High"] } } });
  });

  it("the TypeScript types are inferred from the shapes", () => {
    // Compile-time assertions: each line fails `npm run typecheck` if the type and the shape disagree.
    const checks: boolean[] = [
      true satisfies Equal<AlertNotification, { id: string; machineId: string }>,
      true satisfies Equal<Alert["severity"], "UnSpecified" | "Informational" | "Low" | "Medium" | "High">,
      true satisfies Equal<Alert["relatedUser"], { userName: string; domainName: string } | null>,
      true satisfies Equal<Machine["machineTags"], string[]>,
      true satisfies Equal<MachineAction["title"], string | undefined>,
      true satisfies Equal<OutputOf<typeof defenderCatalogue.listMachines>, ODataList<Machine>>,
      true satisfies Equal<OutputOf<typeof defenderCatalogue.isolateMachine>, MachineAction>,
      true satisfies Equal<OutputOf<typeof graphMailCatalogue.sendMail>, unknown>,
      true satisfies Equal<Infer<typeof defenderCatalogue.getAlert.output & {}>, Alert>,
    ];
    expect(checks.every(Boolean)).toBe(true);
    const optionalTitle: Pick<MachineAction, "id"> & Partial<MachineAction> = { id: "ma1" };
    expect(optionalTitle.title).toBeUndefined();
  });

  it("shapeOf ties a hand-written type to its shape and rejects one that differs", () => {
    interface Pair {
      name: string;
      count: number | null;
    }
    const good = shapeOf<Pair>()(shape.object({ name: shape.string(), count: shape.nullable(shape.int()) }));
    // @ts-expect-error: `count` is not nullable in the shape, so the shape does not describe Pair.
    const bad = shapeOf<Pair>()(shape.object({ name: shape.string(), count: shape.int() }));
    expect(good.kind).toBe("object");
    expect(bad.kind).toBe("object");
  });
});

describe("findCalledOperation", () => {
  it("finds a connector call by API, method and concrete path, with decoded path parameters", () => {
    const hit = findCalledOperation({ connector: "wdatp", method: "post", path: "/api/machines/machine%2D1/isolate" })!;
    expect(hit.operation.name).toBe("isolateMachine");
    expect(hit.pathParameters).toEqual({ id: "machine-1" });
    expect(findCalledOperation({ connector: "wdatp", method: "get", path: "/api/alerts/a1?$select=id" })!.operation.name).toBe("getAlert");
    expect(findCalledOperation({ connector: "wdatp", method: "delete", path: "/api/alerts/a1" })).toBeUndefined();
  });

  it("finds Http calls by method and URI, and MDE REST calls by the connector's path", () => {
    expect(findCalledOperation({ method: "POST", uri: "https://graph.microsoft.com/v1.0/users/soc%40contoso.com/sendMail" })).toMatchObject({
      operation: { name: "sendMail", notification: true },
      pathParameters: { sender: "soc@contoso.com" },
    });
    expect(findCalledOperation({ method: "POST", uri: "https://api.securitycenter.microsoft.com/api/machines/m1/isolate" })).toMatchObject({
      operation: { name: "isolateMachine", destructive: true },
      pathParameters: { id: "m1" },
    });
    expect(findCalledOperation({ method: "GET", uri: "https://example.com/api/machines/m1" })).toBeUndefined();
  });
});
