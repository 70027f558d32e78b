/**
 * The Pulumi program: read the stack's `playbook-kit:` config, validate and plan it with `playbooks/env`
 * (every problem at once, before any resource exists), then deploy the `Environment` component.
 */
import * as pulumi from "@pulumi/pulumi";
import { ConfigError, CONFIG_NAMESPACE, formatProblems, formatWarnings, keyPath, planEnvironment, type ConfigProblem, type EnvironmentPlan } from "../playbooks/env";
import { MANAGED_APIS } from "./apis";
import { Environment, type EnvironmentOutputs } from "./components/environment";
import { rawConfigFromEngine } from "./config";
import { findProject, loadProject, type LoadedProject } from "../project";

/** Options of the program (`deployEnvironment`). */
export interface ProgramOptions {
  /** Where the project (`playbook-kit.json`) is looked for; default the working folder, where Pulumi runs the program. */
  cwd?: string;
  /** Type-check the author playbooks first; default the project file's `typecheck`. */
  typecheck?: boolean;
}

/** Loaded projects by folder and type-check setting: the program runs once per Pulumi process, tests run it often. */
const projects = new Map<string, LoadedProject>();

/** The project's playbooks; a problem in them (type, load, build) becomes a `pulumi.RunError` listing each at its file:line:col. */
function projectOf(options: ProgramOptions): LoadedProject {
  const key = `${options.cwd ?? process.cwd()}\u0000${String(options.typecheck)}`;
  const cached = projects.get(key);
  if (cached) return cached;
  let loaded: LoadedProject;
  try {
    loaded = loadProject(findProject(options.cwd), options.typecheck === undefined ? {} : { typecheck: options.typecheck });
  } catch (error) {
    if (error instanceof Error && error.name === "ProjectError") throw new pulumi.RunError(error.message);
    throw error;
  }
  projects.set(key, loaded);
  return loaded;
}

/** Keys whose secrecy makes every workflow parameter value a secret. */
const SECRET_PARAMETER_SOURCES = ["playbooks", "notify"].map((k) => `${CONFIG_NAMESPACE}:${k}`);

/**
 * Keys whose values the stack writes into resource names, ids, tags or plain settings. Pulumi cannot keep
 * those secret, so a secret there would be decrypted into plain state: it is refused instead.
 */
const PLAIN_ONLY_KEYS = ["location", "resourceGroup", "identity", "tags", "logAnalyticsWorkspaceId", "sentinel"] as const;

function secretWherePlainProblems(): ConfigProblem[] {
  return PLAIN_ONLY_KEYS.filter((k) => isKnownSecret(`${CONFIG_NAMESPACE}:${k}`)).map((k) => ({
    path: keyPath([k]),
    message: "is a Pulumi secret, but the stack writes it into resource names, ids, tags or settings that Pulumi keeps in plain state; set it without --secret.",
  }));
}

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
export function planCurrentStack(options: ProgramOptions = {}): EnvironmentPlan {
  const env = pulumi.getStack();
  const source = `Stack '${env}' configuration (Pulumi.${env}.yaml)`;
  const secretProblems = secretWherePlainProblems();
  const fail = (problems: ConfigProblem[]): never => {
    const sorted = [...problems].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    throw new pulumi.RunError(formatProblems(sorted, source));
  };
  let plan: EnvironmentPlan;
  try {
    plan = planEnvironment(env, rawConfigFromEngine(pulumi.runtime.allConfig()), source, projectOf(options).playbooks);
  } catch (error) {
    if (error instanceof ConfigError) fail([...error.problems, ...secretProblems]);
    throw error;
  }
  if (secretProblems.length) fail(secretProblems);
  // Warnings, not failures: `pulumi preview` shows them before a credential-looking plain value lands in state.
  if (plan.warnings?.length) pulumi.log.warn(formatWarnings(plan.warnings, source));
  const problems = deployabilityProblems(plan);
  if (problems.length) throw new pulumi.RunError([`Stack '${env}' cannot be deployed:`, ...problems].join("\n"));
  return plan;
}

/** The SDK's `isConfigSecret`, which it has but does not declare. */
function sdkIsConfigSecret(): ((key: string) => boolean) | undefined {
  const runtime = pulumi.runtime as unknown as { isConfigSecret?: (k: string) => boolean };
  return typeof runtime.isConfigSecret === "function" ? runtime.isConfigSecret.bind(runtime) : undefined;
}

/** Whether a config key holds a Pulumi secret; without the SDK function, assume secret (the safe side). */
function isConfigSecret(key: string): boolean {
  return sdkIsConfigSecret()?.(key) ?? true;
}

/** Whether a config key is known to hold a Pulumi secret (never guessed: a guess would refuse every stack). */
function isKnownSecret(key: string): boolean {
  return sdkIsConfigSecret()?.(key) ?? false;
}

/** Run the program: validate, then create every resource. Returns the stack outputs. */
export function deployEnvironment(options: ProgramOptions = {}): EnvironmentOutputs {
  const plan = planCurrentStack(options);
  const secretParameters = SECRET_PARAMETER_SOURCES.some(isConfigSecret);
  return new Environment(plan.env, { plan, secretParameters }).outputs;
}
