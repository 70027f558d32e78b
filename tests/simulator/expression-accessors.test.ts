/** Property and index access: case-insensitive names, `?` null safety, errors without it. */
import { describe, expect, it } from "vitest";
import { EvaluationError, createStaticContext, evaluateString } from "../../simulator/expression/evaluate";

const alert = { id: "da637", severity: "High", evidence: [{ entityType: "File", sha1: "abc" }, { entityType: "Ip", ipAddress: "10.0.0.1" }], machine: null };
const ctx = createStaticContext({
  trigger: { outputs: { body: { alert } } },
  actions: { Get_alert: { outputs: { statusCode: 200, body: alert } } },
  variables: { list: [10, 20, 30] },
});

function error(expression: string): EvaluationError {
  try {
    evaluateString(expression, ctx);
  } catch (e) {
    if (e instanceof EvaluationError) return e;
    throw e;
  }
  throw new Error(`expected ${expression} to fail`);
}

describe("property access", () => {
  it("reads Power Automate's slash paths such as ['body/value']", () => {
    expect(evaluateString("@outputs('Get_alert')?['body/severity']", ctx)).toBe("High");
    expect(evaluateString("@outputs('Get_alert')?['body/nothing']", ctx)).toBeNull();
  });
  it("reads properties with . and ['…'], case-insensitively", () => {
    expect(evaluateString("@body('Get_alert').severity", ctx)).toBe("High");
    expect(evaluateString("@body('Get_alert')['SEVERITY']", ctx)).toBe("High");
    expect(evaluateString("@triggerBody()?['Alert']?['Id']", ctx)).toBe("da637");
    expect(evaluateString("@body('Get_alert')?.evidence[1].ipAddress", ctx)).toBe("10.0.0.1");
  });
  it("returns null for a missing property with ?", () => {
    expect(evaluateString("@body('Get_alert')?['missing']", ctx)).toBeNull();
    expect(evaluateString("@body('Get_alert')?['missing']?['deeper']", ctx)).toBeNull();
    expect(evaluateString("@body('Get_alert')?.machine?.name", ctx)).toBeNull();
  });
  it("fails on a missing property without ?, naming the available ones", () => {
    const e = error("@body('Get_alert').missing");
    expect(e.code).toBe("PropertyNotFound");
    expect(e.message).toContain("property 'missing' doesn't exist, available properties are 'id, severity, evidence, machine'");
    expect(e.message).toContain("'body('Get_alert').missing'");
    expect(e.serviceCode).toBe("InvalidTemplate");
  });
  it("fails when selecting a property of null without ?", () => {
    const e = error("@body('Get_alert')?['machine'].name");
    expect(e.code).toBe("PropertySelectionNotSupported");
    expect(e.message).toContain("Property selection is not supported on values of type 'Null'");
    // `?` guards only its own step: a missing property followed by a plain '.x' still fails.
    expect(error("@body('Get_alert')?['missing'].x").code).toBe("PropertySelectionNotSupported");
  });
  it("fails when selecting a property of a string or a number", () => {
    expect(error("@body('Get_alert').severity.length").message).toContain("values of type 'String'");
    expect(error("@variables('list')[0].x").message).toContain("values of type 'Integer'");
  });
});

describe("index access", () => {
  it("indexes arrays by integer", () => {
    expect(evaluateString("@variables('list')[0]", ctx)).toBe(10);
    expect(evaluateString("@variables('list')[add(1, 1)]", ctx)).toBe(30);
    expect(evaluateString("@body('Get_alert')['evidence'][0]['sha1']", ctx)).toBe("abc");
  });
  it("fails outside the bounds without ?, returns null with ?", () => {
    const e = error("@variables('list')[3]");
    expect(e.code).toBe("IndexOutOfRange");
    expect(e.message).toContain("array index '3' is outside bounds (0, 2) of array");
    expect(evaluateString("@variables('list')?[3]", ctx)).toBeNull();
    expect(error("@variables('list')[-1]").code).toBe("IndexOutOfRange");
  });
  it("rejects a string index on an array", () => {
    expect(error("@variables('list')['a']").code).toBe("InvalidArgument");
  });
  it("uses a computed string index as a property name", () => {
    expect(evaluateString("@body('Get_alert')[concat('sev', 'erity')]", ctx)).toBe("High");
  });
});
