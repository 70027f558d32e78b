import { describe, expect, it } from "vitest";
import { defender } from "../../playbooks/connectors";
import { BuildError, definePlaybook, equals, param, request, type Step } from "../../playbooks/kit";
import type { Alert } from "../../playbooks/connectors";
import { buildError, buildWith } from "./support";

describe("build errors name the code and the places involved", () => {
  it("duplicate-step-name names both places, nested scopes included", () => {
    const e = buildError((flow) => {
      flow.compose("Notify", 1);
      flow.scope("Inner", (s) => {
        s.compose("Notify", 2);
      });
    });
    expect(e.code).toBe("duplicate-step-name");
    expect(e.message).toContain("Inner › actions › Notify");
    expect(e.message).toContain("already used at Notify");
  });

  it("duplicate-step-name also covers the trigger's name", () => {
    expect(buildError((flow) => void flow.compose("When a HTTP request is received", 1)).code).toBe("duplicate-step-name");
  });

  it("step-not-yet-run: reading a step from another branch", () => {
    const e = buildError((flow) => {
      let fromYes: Step<Alert> | undefined;
      flow.if(
        "Check",
        equals(1, 1),
        (yes) => {
          fromYes = yes.step("Get alert", defender.getAlert({ alertId: "a" }));
        },
        (no) => {
          no.compose("Use it", fromYes!.body.title);
        },
      );
    });
    expect(e.code).toBe("step-not-yet-run");
    expect(e.message).toContain("'Use it' reads the outputs of 'Get alert' (at Check › actions › Get_alert)");
    expect(e.message).toContain("another branch");
    expect(e.message).toContain("Check › else › Use_it");
  });

  it("step-not-yet-run: reading a step that comes later in the flow", () => {
    const e = buildError((flow) => {
      const first = flow.compose("First", 1);
      const later = flow.compose("Later", 2, { after: first });
      // A step that runs after First only, but reads Later (a parallel branch).
      flow.compose("Reader", later.value, { after: first });
    });
    expect(e.code).toBe("step-not-yet-run");
    expect(e.message).toContain("'Later'");
  });

  it("stays quiet when the read step is an ancestor through an enclosing scope", () => {
    expect(() =>
      buildWith((flow) => {
        const alert = flow.step("Get alert", defender.getAlert({ alertId: "a" }));
        flow.if("Check", equals(alert.body.severity, "High"), (yes) => {
          yes.scope("Inner", (s) => {
            s.compose("Use it", alert.body.title);
          });
        });
      }),
    ).not.toThrow();
  });

  it("stays quiet when reading a step nested in a completed predecessor", () => {
    expect(() =>
      buildWith((flow) => {
        let inner: Step<Alert> | undefined;
        flow.scope("Work", (s) => {
          inner = s.step("Get alert", defender.getAlert({ alertId: "a" }));
        });
        flow.compose("After", inner!.body.id);
      }),
    ).not.toThrow();
  });

  it("item-outside-loop", () => {
    const e = buildError((flow) => {
      let item: unknown;
      flow.forEach("Each", ["a"], (_f, i) => {
        item = i;
      });
      flow.compose("Outside", item as never);
    });
    expect(e.code).toBe("item-outside-loop");
    expect(e.message).toContain("loop 'Each'");
  });

  it("variable-not-top-level", () => {
    expect(buildError((flow) => flow.scope("S", (s) => void s.variable("Init", { name: "v", type: "string" }))).code).toBe("variable-not-top-level");
  });

  it("terminate-in-loop", () => {
    expect(buildError((flow) => void flow.forEach("Each", ["a"], (f) => void f.terminate("Stop", { status: "Cancelled" }))).code).toBe("terminate-in-loop");
  });

  it("response-without-request", () => {
    expect(() =>
      definePlaybook({
        name: "no-request",
        description: "x",
        trigger: defender.alertCreated(),
        build: ({ flow }) => void flow.respond("Reply", { statusCode: 200 }),
      }),
    ).toThrow(/response-without-request/);
  });

  it("run-after-other-scope", () => {
    const e = buildError((flow) => {
      const a = flow.compose("A", 1);
      flow.scope("S", (s) => void s.compose("B", 2, { after: a }));
    });
    expect(e.code).toBe("run-after-other-scope");
    expect(e.message).toContain("'A'");
  });

  it("step-after-terminate", () => {
    expect(
      buildError((flow) => {
        flow.terminate("Stop", { status: "Succeeded" });
        flow.compose("Unreachable", 1);
      }).code,
    ).toBe("step-after-terminate");
  });

  it("too-many-cases", () => {
    const cases = Object.fromEntries(Array.from({ length: 26 }, (_, i) => [`v${i}`, (f: { compose(l: string, v: number): unknown }) => void f.compose(`C${i}`, i)]));
    expect(buildError((flow) => void flow.switch("S", "v1", cases as never)).code).toBe("too-many-cases");
  });

  it("invalid-concurrency and parallel-loop-writes-variable", () => {
    expect(buildError((flow) => void flow.forEach("E", ["a"], () => undefined, { concurrency: 51 })).code).toBe("invalid-concurrency");
    expect(
      buildError((flow) => {
        const v = flow.variable<string[]>("Init", { name: "v", type: "array", value: [] });
        flow.forEach("E", ["a"], (f, i) => void f.appendToArray("Add", v, i), { concurrency: 4 });
      }).code,
    ).toBe("parallel-loop-writes-variable");
  });

  it("invalid-until-limit: the count range and an ISO 8601 timeout", () => {
    const until = (limit: { count?: number; timeout?: string }) => buildError((flow) => void flow.until("Poll", (f) => equals(f.compose("Tick", 1).value, 1), limit));
    expect(until({ count: 0 }).code).toBe("invalid-until-limit");
    for (const timeout of ["one hour", "1h", "PT", "P", "PT1H30", ""]) {
      const e = until({ timeout });
      expect(e.code, timeout).toBe("invalid-until-limit");
      expect(e.message).toContain(`Until 'Poll' timeout must be an ISO 8601 duration such as PT1H or P1D, got '${timeout}'.`);
    }
    for (const timeout of ["PT1H", "PT30M", "P1D", "P1DT12H", "PT0.5S", "P2W"]) {
      const p = buildWith((flow) => void flow.until("Poll", (f) => equals(f.compose("Tick", 1).value, 1), { timeout }));
      expect((p.definition.actions.Poll as { limit: unknown }).limit).toEqual({ count: 60, timeout });
    }
  });

  it("secure-parameter-default and parameter-default-not-allowed", () => {
    expect(() => buildWith(() => undefined, { token: { ...param.secureString(), default: "x" } as never })).toThrow(/secure-parameter-default/);
    expect(() => buildWith(() => undefined, { mode: { type: "String", default: "c", allowed: ["a", "b"] } as never })).toThrow(/parameter-default-not-allowed/);
  });

  it("invalid-playbook-name and invalid-step-label", () => {
    expect(() => definePlaybook({ name: "Bad Name", description: "x", trigger: request(), build: () => undefined })).toThrow(/invalid-playbook-name/);
    expect(buildError((flow) => void flow.compose("???", 1)).code).toBe("invalid-step-label");
  });

  it("nesting-too-deep", () => {
    const e = buildError((flow) => {
      const nest = (f: typeof flow, depth: number): void => {
        if (depth === 0) {
          f.compose("Deep", 1);
          return;
        }
        f.scope(`Level ${depth}`, (s) => nest(s, depth - 1));
      };
      nest(flow, 8);
    });
    expect(e.code).toBe("nesting-too-deep");
  });

  it("errors are BuildError instances with a code", () => {
    try {
      buildWith((flow) => {
        flow.compose("X", 1);
        flow.compose("X", 2);
      });
    } catch (error) {
      expect(error).toBeInstanceOf(BuildError);
      expect((error as BuildError).code).toBe("duplicate-step-name");
      return;
    }
    throw new Error("expected a BuildError");
  });
});
