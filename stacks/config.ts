/**
 * Turn the config the Pulumi engine hands the program (`"playbook-kit:key"` → string; objects and lists as
 * JSON text, secrets already decrypted) back into the raw object `playbooks/env` validates.
 */
import { CONFIG_NAMESPACE, valueFromEngineText } from "../playbooks/env";

/** The `playbook-kit:` keys of an engine config map, namespace stripped, values parsed. */
export function rawConfigFromEngine(all: Readonly<Record<string, string>>): Record<string, unknown> {
  const prefix = `${CONFIG_NAMESPACE}:`;
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(all).sort()) {
    if (!key.startsWith(prefix)) continue;
    const name = key.slice(prefix.length);
    raw[name] = valueFromEngineText(name, all[key]!);
  }
  return raw;
}

