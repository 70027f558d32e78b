/**
 * Typed definition parameters. Environment values (recipients, thresholds, tags) live here, never inside
 * actions, so the rendered definition is identical across stacks and each stack fills the values.
 */
import type { Json, ParameterDeclaration, ParameterType } from "../../wdl";
import { BuildError } from "./errors";

declare const VALUE: unique symbol;

/** A parameter declaration whose run-time value has type `T`. */
export interface ParamSpec<T> {
  readonly type: ParameterType;
  readonly default?: T;
  readonly allowed?: readonly T[];
  readonly description?: string;
  readonly [VALUE]?: T;
}

/** Options common to every parameter. */
export interface ParamOptions<T> {
  /** Value used when the environment gives none. */
  default?: T;
  /** The only values allowed. */
  allowed?: readonly T[];
  /** Shown to whoever fills the value (portal, ARM template, Pulumi config errors). */
  description?: string;
}

/** Options of a secure parameter: no default, because a default would put the value in the definition. */
export interface SecureParamOptions {
  description?: string;
}

const spec = <T>(type: ParameterType, options: ParamOptions<T> = {}): ParamSpec<T> => ({ type, ...options });

/** Parameter constructors. */
export const param = {
  /** A string. */
  string: (options?: ParamOptions<string>): ParamSpec<string> => spec("String", options),
  /** A string restricted to a fixed set: `param.choice(["Full", "Selective"], {default: "Full"})`. */
  choice: <const V extends string>(values: readonly V[], options: Omit<ParamOptions<V>, "allowed"> = {}): ParamSpec<V> =>
    spec<V>("String", { ...options, allowed: values }),
  /** An integer. */
  int: (options?: ParamOptions<number>): ParamSpec<number> => spec("Int", options),
  /** A float. */
  float: (options?: ParamOptions<number>): ParamSpec<number> => spec("Float", options),
  /** A boolean. */
  bool: (options?: ParamOptions<boolean>): ParamSpec<boolean> => spec("Bool", options),
  /** An array. */
  array: <T = unknown>(options?: ParamOptions<T[]>): ParamSpec<T[]> => spec<T[]>("Array", options),
  /** An object. */
  object: <T extends Record<string, unknown> = Record<string, unknown>>(options?: ParamOptions<T>): ParamSpec<T> => spec<T>("Object", options),
  /** A string the service never returns or logs (tokens, mailboxes, recipients). */
  secureString: (options: SecureParamOptions = {}): ParamSpec<string> => spec<string>("SecureString", options),
  /** An object the service never returns or logs. */
  secureObject: <T extends Record<string, unknown> = Record<string, unknown>>(options: SecureParamOptions = {}): ParamSpec<T> =>
    spec<T>("SecureObject", options),
};

/** A playbook's parameter specs by name. */
export type ParamSpecs = Record<string, ParamSpec<unknown>>;

/** The run-time value type of a spec. */
export type ParamValue<S> = S extends ParamSpec<infer T> ? T : never;

const NAME = /^[A-Za-z][A-Za-z0-9_]{0,79}$/;

/** Render one declaration, checking it first. */
export function declareParameter(name: string, p: ParamSpec<unknown>): ParameterDeclaration {
  if (!NAME.test(name)) {
    throw new BuildError("invalid-parameter-name", `Parameter name '${name}' must start with a letter and use only letters, digits and '_' (at most 80).`);
  }
  const secure = p.type === "SecureString" || p.type === "SecureObject";
  if (secure && p.default !== undefined) {
    throw new BuildError("secure-parameter-default", `Secure parameter '${name}' cannot have a default: the value would be stored in the definition.`);
  }
  if (p.default !== undefined && p.allowed && !p.allowed.some((a) => JSON.stringify(a) === JSON.stringify(p.default))) {
    throw new BuildError("parameter-default-not-allowed", `Parameter '${name}' defaults to ${JSON.stringify(p.default)}, which is not one of its allowed values ${JSON.stringify(p.allowed)}.`);
  }
  const out: ParameterDeclaration = { type: p.type };
  if (p.default !== undefined) out.defaultValue = p.default as Json;
  if (p.allowed) out.allowedValues = [...p.allowed] as Json[];
  if (p.description) out.metadata = { description: p.description };
  return out;
}
