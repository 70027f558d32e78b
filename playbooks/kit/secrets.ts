/**
 * Secrets stay out of run history without the author having to remember `{ secure: true }`: once the graph is
 * complete, every step that reads a secure parameter, the outputs of a secured step, or the item of a loop over
 * secured data is secured (`runtimeConfiguration.secureData`) with the properties Logic Apps supports for its
 * type. Where the service cannot hide a step (variables, Terminate, Switch), the build fails and names the step
 * and the author's line. Why secure automatically rather than fail: the author's intent is never "show this
 * secret", and a build error would only make them add the flag by hand, one step at a time.
 */
import { BuildError } from "./errors";
import type { StepNode } from "./graph";
import type { Input } from "./operation";

type SecureProperty = "inputs" | "outputs";

/**
 * Action types whose inputs cannot be secured, and types whose outputs cannot (Microsoft's list in "Secure
 * access and data in Azure Logic Apps", section "Secure data in run history by using obfuscation").
 */
const NO_SECURE_INPUTS = new Set([
  "AppendToArrayVariable",
  "AppendToStringVariable",
  "DecrementVariable",
  "Foreach",
  "If",
  "IncrementVariable",
  "InitializeVariable",
  "Scope",
  "SetVariable",
  "Switch",
  "Terminate",
  "Until",
]);
const NO_SECURE_OUTPUTS = new Set([...NO_SECURE_INPUTS, "Compose", "ParseJson", "Response", "Wait"]);

/** Containers whose own run-history entry holds no value read from a secret: a condition's result, or nothing. */
const OPAQUE_CONTAINERS = new Set(["If", "Until", "Scope", "Foreach"]);

/** The `secureData` properties Logic Apps supports on an action type (Compose, ParseJson and Response hide their outputs with their inputs). */
export function secureProperties(type: string): SecureProperty[] {
  const out: SecureProperty[] = [];
  if (!NO_SECURE_INPUTS.has(type)) out.push("inputs");
  if (!NO_SECURE_OUTPUTS.has(type)) out.push("outputs");
  return out;
}

/** Set `runtimeConfiguration.secureData` on an action. */
export function setSecureData(action: Record<string, Input>, properties: readonly SecureProperty[]): void {
  action.runtimeConfiguration = { ...(action.runtimeConfiguration as object), secureData: { properties: [...properties] } };
}

/** Why a step handles secret data, or undefined. */
function secretRead(step: StepNode, secureParams: ReadonlySet<string>, secured: ReadonlySet<StepNode>, secretLoops: ReadonlySet<StepNode>): string | undefined {
  for (const dep of step.deps) {
    if (dep.kind === "param" && secureParams.has(dep.name)) return `reads the secure parameter '${dep.name}'`;
    if (dep.kind === "step" && secured.has(dep.step as StepNode)) return `reads the outputs of '${(dep.step as StepNode).label}', which are secured`;
    if (dep.kind === "loop" && secretLoops.has(dep.step as StepNode)) return `reads the item of loop '${(dep.step as StepNode).label}', which iterates over secured data`;
  }
  return undefined;
}

/**
 * Secure every step that handles secret data (steps are in placement order, so a step's sources come before it).
 * Throws `BuildError` for a step Logic Apps cannot hide, or one the author marked `secure: false`.
 */
export function secureSecretReaders(steps: readonly StepNode[], secureParams: ReadonlySet<string>): void {
  const secured = new Set<StepNode>();
  const secretLoops = new Set<StepNode>();
  for (const step of steps) {
    const type = step.spec.action.type;
    if (step.secureOption === true) secured.add(step);
    const why = secretRead(step, secureParams, secured, secretLoops);
    if (!why) continue;
    const where = step.site?.location;
    if (step.secureOption === false) {
      throw new BuildError("secret-shown", `'${step.label}' ${why}, but it sets \`secure: false\`, which would show the secret in run history. Remove \`secure: false\`.`, step.path, where);
    }
    const properties = secureProperties(type);
    if (properties.length > 0) {
      setSecureData(step.spec.action as Record<string, Input>, properties);
      secured.add(step);
    } else if (OPAQUE_CONTAINERS.has(type)) {
      if (type === "Foreach") secretLoops.add(step);
    } else {
      const hint = type === "Terminate" ? "end the run without the secret in its message" : type === "Switch" ? "switch on a value that is not secret" : "read the secret where it is needed instead of storing it in a variable";
      throw new BuildError(
        "secret-not-hideable",
        `'${step.label}' ${why}, but Logic Apps cannot hide ${/^[AEIOU]/.test(type) ? "an" : "a"} ${type} action's inputs in run history, so the secret would show there: ${hint}.`,
        step.path,
        where,
      );
    }
  }
}
