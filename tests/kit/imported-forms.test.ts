/**
 * What the builder grew for imported playbooks: designer condition objects in `if`/`until`, `Untyped` values
 * that read any field, `call` keeping the given spelling, and variable types in the designer's casing.
 */
import { describe, expect, it } from "vitest";
import { at, call, definePlaybook, equals, lit, rawTrigger, text } from "../../playbooks/kit";
import { actionsOf, buildError } from "./support";

describe("designer conditions", () => {
  it("flow.if renders a designer condition object as given, expressions inside rendered", () => {
    const actions = actionsOf((flow) => {
      const get = flow.action("Get", { type: "Http", inputs: { method: "GET", uri: "https://example.org" } });
      flow.if("Found", { and: [{ not: { equals: [get.body.id, ""] } }, { greater: [get.body.count, 2] }] }, (then) => {
        then.compose("Yes", 1);
      });
    });
    expect((actions.Found as { expression: unknown }).expression).toStrictEqual({
      and: [{ not: { equals: ["@body('Get')?['id']", ""] } }, { greater: ["@body('Get')?['count']", 2] }],
    });
  });

  it("the steps a designer condition reads are checked like any other read", () => {
    const error = buildError((flow) => {
      let inner: { value: unknown } | undefined;
      flow.if(
        "Check",
        equals(1, 1),
        (then) => {
          inner = then.compose("Inner", 1);
        },
        (otherwise) => {
          otherwise.if("Reads", { equals: [inner!.value as never, 1] }, () => {});
        },
      );
    });
    expect(error.code).toBe("step-not-yet-run");
    expect(error.message).toContain("another branch");
  });

  it("flow.until takes a designer condition as its exit condition", () => {
    const actions = actionsOf((flow) => {
      flow.until("Poll", (body) => {
        const c = body.compose("Count", 1);
        return { equals: [c.value, 3] };
      });
    });
    expect((actions.Poll as { expression: unknown }).expression).toStrictEqual({ equals: ["@outputs('Count')", 3] });
  });
});

describe("untyped values", () => {
  it("a raw trigger's body and call(…) results read any field", () => {
    const playbook = definePlaybook({
      name: "untyped",
      description: "d",
      trigger: rawTrigger("manual", { type: "Request", kind: "Http" }),
      build: ({ flow, trigger }) => {
        flow.compose("Read", { a: trigger.body.object.properties.title, b: call("items", "Loop").id });
      },
    });
    expect((playbook.definition.actions.Read as { inputs: unknown }).inputs).toStrictEqual({
      a: "@triggerBody()?['object']?['properties']?['title']",
      b: "@items('Loop')?['id']",
    });
  });

  it("text(…parts) gives what the text`…` template gives", () => {
    const actions = actionsOf((flow) => {
      const get = flow.action("Get", { type: "Http", inputs: { method: "GET", uri: "https://example.org" } });
      flow.compose("Template", text`Host ${get.body.name} is ${get.body.state}.`);
      flow.compose("Parts", text("Host ", get.body.name, " is ", get.body.state, "."));
    });
    expect((actions.Parts as { inputs: unknown }).inputs).toBe("Host @{body('Get')?['name']} is @{body('Get')?['state']}.");
    expect((actions.Parts as { inputs: unknown }).inputs).toBe((actions.Template as { inputs: unknown }).inputs);
  });

  it("lit(…) is a literal as an expression (plain values render as JSON)", () => {
    const actions = actionsOf((flow) => {
      flow.compose("Literals", { a: lit(null), b: lit(true), c: lit("x"), d: lit(3), plain: null });
    });
    expect((actions.Literals as { inputs: unknown }).inputs).toStrictEqual({ a: "@null", b: "@true", c: "@'x'", d: "@3", plain: null });
  });

  it("at(…) writes an index the .field accessor does not: [0], ['key'] without ?, ?[…] with optional", () => {
    const actions = actionsOf((flow) => {
      const list = flow.action("List", { type: "Http", inputs: { method: "GET", uri: "https://example.org" } });
      flow.compose("Index", { first: at(list.body.value, 0).id, plain: at(list.body, "a b"), optional: at(list.body.value, 1, { optional: true }) });
    });
    expect((actions.Index as { inputs: unknown }).inputs).toStrictEqual({
      first: "@body('List')?['value'][0]?['id']",
      plain: "@body('List')['a b']",
      optional: "@body('List')?['value']?[1]",
    });
  });

  it("call writes the function name as given (the service reads names case-insensitively)", () => {
    const actions = actionsOf((flow) => {
      flow.compose("Encoded", call("encodeURIComponent", "a b"));
    });
    expect((actions.Encoded as { inputs: unknown }).inputs).toBe("@encodeURIComponent('a b')");
  });

  it("flow.variable takes the designer's capitalised type names and writes them as given", () => {
    const actions = actionsOf((flow) => {
      const v = flow.variable<string>("Init", { name: "v", type: "String", value: "x" });
      flow.setVariable("Set", v, "y");
    });
    expect((actions.Init as { inputs: unknown }).inputs).toStrictEqual({ variables: [{ name: "v", type: "String", value: "x" }] });
  });
});
