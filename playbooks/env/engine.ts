/**
 * How the Pulumi engine hands a top-level config value to the program: as text — a string as it is, anything
 * else as JSON — which the program reads back. `loadEnvironment` goes through the same two steps, so a value
 * means the same to `playbook-kit build --env` as to the stack (`pulumi config set` writes top-level values as
 * strings: `grantPermissions: "false"` is the boolean false for both).
 */
import { STRING_KEYS } from "./schema";

/** The text the engine hands the program for a config value. */
export function engineText(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/**
 * A top-level key's value from the engine's text: the text itself for string keys, otherwise its JSON value,
 * or the text when it is no JSON (the schema check then names the key).
 */
export function valueFromEngineText(key: string, text: string): unknown {
  if ((STRING_KEYS as readonly string[]).includes(key)) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
