/** Helpers for builder tests: build a tiny playbook around a few steps. */
import { definePlaybook, request, type Flow, type ParamSpecs, type Playbook } from "../../playbooks/kit";
import type { ParamRefs } from "../../playbooks/kit/playbook";

/** Build a playbook with a Request trigger and the given steps. */
export function buildWith<P extends ParamSpecs = {}>(steps: (flow: Flow, params: ParamRefs<P>) => void, parameters?: P): Playbook {
  return definePlaybook({
    name: "test-playbook",
    description: "test",
    parameters,
    trigger: request<{ id: string; tags: string[] }>(),
    build: ({ flow, params }) => steps(flow, params),
  });
}

/** The rendered actions of a tiny playbook. */
export function actionsOf<P extends ParamSpecs = {}>(steps: (flow: Flow, params: ParamRefs<P>) => void, parameters?: P): Record<string, unknown> {
  return buildWith(steps, parameters).definition.actions as Record<string, unknown>;
}

/** The BuildError thrown while building, or undefined. */
export function buildError(steps: (flow: Flow) => void): { code: string; message: string } {
  try {
    buildWith(steps);
  } catch (error) {
    return error as { code: string; message: string };
  }
  throw new Error("expected the build to fail");
}
