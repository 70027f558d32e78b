/**
 * The Pulumi program: read the stack's `playbook-kit:` config, validate and plan it with `playbooks/env`
 * (every problem at once, before any resource exists), then deploy the `Environment` component.
 */
import * as pulumi from "@pulumi/pulumi";
import { ConfigError, CONFIG_NAMESPACE, planEnvironment, type EnvironmentPlan } from "../playbooks/env";
import { MANAGED_APIS } from "./apis";
import { Environment, type EnvironmentOutputs } from "./components/environment";
import { rawConfigFromEngine } from "./config";

/** Keys whose secrecy makes every workflow parameter value a secret. */
const SECRET_PARAMETER_SOURCES = ["playbooks", "notify"].map((k) => `${CONFIG_NAMESPACE}:${k}`);

/** Checks the plan against what the stack can deploy; returns problems as lines. */
function deployabilityProblems(plan: EnvironmentPlan): string[] {
  const out: string[] = [];
  for (const p of plan.playbooks) {
    for (const api of p.connectors) {
      if (!MANAGED_APIS[api]) out.push(`  - ${CONFIG_NAMESPACE}:playbooks.${p.name}: uses managed API '${api}', which the stack cannot connect (known: ${Object.keys(MANAGED_APIS).join(", ")}).`);
    }
  }
  return out;
}

/**
 * Plan the current stack from the engine's config. A user mistake becomes a `pulumi.RunError`: Pulumi prints
 * its message (every problem with its key path) without a stack trace.
 */
export function planCurrentStack(): EnvironmentPlan {
  const env = pulumi.getStack();
  let plan: EnvironmentPlan;
  try {
    plan = planEnvironment(env, rawConfigFromEngine(pulumi.runtime.allConfig()), `Stack '${env}' configuration (Pulumi.${env}.yaml)`);
  } catch (error) {
    if (error instanceof ConfigError) throw new pulumi.RunError(error.message);
    throw error;
  }
  const problems = deployabilityProblems(plan);
  if (problems.length) throw new pulumi.RunError([`Stack '${env}' cannot be deployed:`, ...problems].join("\n"));
  return plan;
}

/**
 * Whether a config key holds a Pulumi secret. The SDK has this function but does not declare it; without it,
 * assume secret (the safe side).
 */
function isConfigSecret(key: string): boolean {
  const runtime = pulumi.runtime as unknown as { isConfigSecret?: (k: string) => boolean };
  return typeof runtime.isConfigSecret === "function" ? runtime.isConfigSecret(key) : true;
}

/** Run the program: validate, then create every resource. Returns the stack outputs. */
export function deployEnvironment(): EnvironmentOutputs {
  const plan = planCurrentStack();
  const secretParameters = SECRET_PARAMETER_SOURCES.some(isConfigSecret);
  return new Environment(plan.env, { plan, secretParameters }).outputs;
}
