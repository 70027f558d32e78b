/**
 * Runtime shapes of the JSON an operation returns (and a trigger delivers): enough to generate bodies (every
 * enum value, strings, arrays, nested objects) and to know which objects are devices. The TypeScript types of
 * the catalogue are inferred from these shapes (`Infer<typeof shape>`), so the two cannot drift apart; a type
 * written by hand is tied to its shape with `shapeOf<T>()(…)`, which fails to compile when they differ.
 */

declare const TYPE: unique symbol;

/** Hints for generated string values. */
export type StringFormat = "text" | "id" | "datetime" | "dns" | "email" | "sha1" | "sha256" | "ip" | "url" | "kql";

/** What a string holds; `of` names the entity an `id` identifies (`machine`, `alert`, …). */
export interface StringShape {
  readonly kind: "string";
  readonly format: StringFormat;
  readonly of?: string;
}
/** One of a fixed set of strings. */
export interface EnumShape {
  readonly kind: "enum";
  readonly values: readonly string[];
}
/** A number (`integer` for whole numbers). */
export interface NumberShape {
  readonly kind: "number";
  readonly integer: boolean;
}
/** `true` or `false`. */
export interface BooleanShape {
  readonly kind: "boolean";
}
/** An array; `tags` marks device tags (compared with an `excludedTags` parameter). */
export interface ArrayShape {
  readonly kind: "array";
  readonly items: Shape;
  readonly tags?: boolean;
}
/** An object with known fields; `entity` names what it describes (`machine` objects carry id, name and tags). */
export interface ObjectShape {
  readonly kind: "object";
  readonly fields: Readonly<Record<string, Shape>>;
  readonly entity?: string;
}
/** An object whose keys are not known in advance. */
export interface RecordShape {
  readonly kind: "record";
  readonly values: Shape;
}
/** The value or `null`. */
export interface NullableShape {
  readonly kind: "nullable";
  readonly inner: Shape;
}
/** An object field that may be absent (only inside `object`). */
export interface OptionalShape {
  readonly kind: "optional";
  readonly inner: Shape;
}
/** Any JSON (or no body at all). */
export interface UnknownShape {
  readonly kind: "unknown";
}

/** Any shape. */
export type Shape = StringShape | EnumShape | NumberShape | BooleanShape | ArrayShape | ObjectShape | RecordShape | NullableShape | OptionalShape | UnknownShape;

/** A shape that carries the TypeScript type of the values it describes (phantom: never set at run time). */
export type Typed<T, S extends Shape = Shape> = S & { readonly [TYPE]?: T };

/** The TypeScript type a shape describes. */
export type Infer<S> = S extends { readonly [TYPE]?: infer T } ? T : never;

type AnyTyped = Typed<unknown>;
type OptionalKeys<F> = { [K in keyof F]: F[K] extends OptionalShape ? K : never }[keyof F];
type Flat<T> = { [K in keyof T]: T[K] } & {};
/** The object type of a field map: optional shapes become optional properties. */
export type ObjectOf<F> = Flat<{ [K in Exclude<keyof F, OptionalKeys<F>>]: Infer<F[K]> } & { [K in OptionalKeys<F>]?: Infer<F[K]> }>;

const typed = <T, S extends Shape>(s: S): Typed<T, S> => s as Typed<T, S>;

/** Shape constructors: `shape.object({ id: shape.id("machine"), severity: shape.enum(["Low", "High"]) })`. */
export const shape = {
  /** A string; `format` picks realistic generated values. */
  string: (format: StringFormat = "text") => typed<string, StringShape>({ kind: "string", format }),
  /** The id of an entity (`shape.id("machine")`): generated ids of the same entity agree across calls. */
  id: (of: string) => typed<string, StringShape>({ kind: "string", format: "id", of }),
  /** One of `values`; generation tries every one. */
  enum: <const V extends string>(values: readonly V[]) => typed<V, EnumShape>({ kind: "enum", values }),
  /** A whole number. */
  int: () => typed<number, NumberShape>({ kind: "number", integer: true }),
  /** A number. */
  number: () => typed<number, NumberShape>({ kind: "number", integer: false }),
  /** A boolean. */
  boolean: () => typed<boolean, BooleanShape>({ kind: "boolean" }),
  /** An array of `items`. */
  array: <S extends AnyTyped>(items: S) => typed<Infer<S>[], ArrayShape>({ kind: "array", items }),
  /** Device tags: an array of strings that generation makes intersect an `excludedTags` parameter or not. */
  tags: () => typed<string[], ArrayShape>({ kind: "array", items: { kind: "string", format: "text" }, tags: true }),
  /** An object; `entity: "machine"` marks a device description. */
  object: <const F extends Readonly<Record<string, AnyTyped>>>(fields: F, options: { entity?: string } = {}) =>
    typed<ObjectOf<F>, ObjectShape>(options.entity ? { kind: "object", fields, entity: options.entity } : { kind: "object", fields }),
  /** An object with arbitrary keys whose values have one shape. */
  record: <S extends AnyTyped>(values: S) => typed<Record<string, Infer<S>>, RecordShape>({ kind: "record", values }),
  /** The value or null. */
  nullable: <S extends AnyTyped>(inner: S) => typed<Infer<S> | null, NullableShape>({ kind: "nullable", inner }),
  /** A field that may be absent. */
  optional: <S extends AnyTyped>(inner: S) => typed<Infer<S>, OptionalShape>({ kind: "optional", inner }),
  /** Any JSON, or no body. */
  unknown: () => typed<unknown, UnknownShape>({ kind: "unknown" }),
};

/** True when A and B are the same type (not merely assignable either way). */
export type Equal<A, B> = (<X>() => X extends A ? 1 : 2) extends <X>() => X extends B ? 1 : 2 ? true : false;

/**
 * Tie a shape to a type written by hand: `shapeOf<MachineAction>()(shape.object({...}))` compiles only when the
 * shape describes exactly that type.
 */
export function shapeOf<T>() {
  return <S extends AnyTyped>(s: S & (Equal<Infer<S>, T> extends true ? unknown : { readonly "shape does not match the type": T })): Typed<T, S> =>
    s as unknown as Typed<T, S>;
}
