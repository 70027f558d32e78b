/**
 * Turn the config the Pulumi engine hands the program (`"playbook-kit:key"` → string; objects and lists as
 * JSON text, secrets already decrypted) back into the raw object `playbooks/env` validates.
 */
import { CONFIG_NAMESPACE, STRING_KEYS } from "../playbooks/env";

/** The `playbook-kit:` keys of an engine config map, namespace stripped, values parsed. */
export function rawConfigFromEngine(all: Readonly<Record<string, string>>): Record<string, unknown> {
  const prefix = `${CONFIG_NAMESPACE}:`;
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(all).sort()) {
    if (!key.startsWith(prefix)) continue;
    const name = key.slice(prefix.length);
    const text = all[key]!;
    if ((STRING_KEYS as readonly string[]).includes(name)) {
      raw[name] = text;
      continue;
    }
    try {
      raw[name] = JSON.parse(text);
    } catch {
      raw[name] = text; // a plain string where JSON was expected: the schema check names the key
    }
  }
  return raw;
}

