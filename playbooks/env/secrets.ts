/**
 * `config-literal-secret` warnings: a plain config value that looks like a credential (a tag `api-token: ghp_…`,
 * a playbook parameter `apiKey: …`, a SecureString parameter set without `--secret`). Pulumi keeps plain values
 * in clear text in `Pulumi.<env>.yaml` and in the stack's state, and the stack writes some keys into resource tags
 * and names that every reader of the resources sees. A warning, not an error: the heuristics can be wrong.
 */
import { keyPath, type ConfigProblem } from "./errors";
import { SECRET_PLACEHOLDER } from "./validate";

/** The warning's stable code. */
export const LITERAL_SECRET_CODE = "config-literal-secret";

/** Published credential formats, with what they are (prefixes documented by their vendors). */
const FORMATS: readonly [RegExp, string][] = [
  [/^(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{30,}$/, "a GitHub token"],
  [/^github_pat_[A-Za-z0-9_]{22,}$/, "a GitHub token"],
  [/^xox[abprs]-[A-Za-z0-9-]{10,}$/, "a Slack token"],
  [/^(?:AKIA|ASIA)[0-9A-Z]{16}$/, "an AWS access key id"],
  [/^AIza[0-9A-Za-z_-]{35}$/, "a Google API key"],
  [/^eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*$/, "a JSON web token"],
  [/-----BEGIN (?:[A-Z]+ )*PRIVATE KEY-----/, "a private key"],
  [/(?:^|;)\s*(?:AccountKey|SharedAccessKey)\s*=\s*[^;\s]{8,}/i, "a connection string with a key"],
  [/^https?:\/\/\S*[?&]sig=[^&#\s]{8,}/i, "a URL with a SAS signature"],
];

/** Key names that say their value is a credential (the last segment, any case, `-`/`_`/`.` separated). */
const SECRET_KEY = /token|secret|passw(?:or)?d|^pwd$|api[-_.]?key|access[-_.]?key|private[-_.]?key|connection[-_.]?string|credential|(?:^|[-_.])sas(?:[-_.]|$)/i;

/** Keys the stack writes into resource tags, names, ids or plain settings (a credential has no place there). */
const PLAIN_ONLY = new Set(["location", "resourceGroup", "identity", "tags", "logAnalyticsWorkspaceId", "sentinel"]);

/** What a value looks like when it looks like a credential: a known format, or a secret-named key with a token-like value. */
export function credentialKind(key: string | undefined, value: string): string | undefined {
  for (const [pattern, kind] of FORMATS) if (pattern.test(value)) return kind;
  if (key === undefined || !SECRET_KEY.test(key)) return undefined;
  const text = value.trim();
  // A URL, an address, an expression or a sentence is no credential, whatever the key says.
  if (text.length < 8 || /\s/.test(text) || /^[a-z][a-z0-9+.-]*:\/\//i.test(text) || text.includes("@") || text === SECRET_PLACEHOLDER) return undefined;
  return `a value of a key named '${key}'`;
}

/** The warning for a plain value found at `segments`. */
function warning(segments: readonly (string | number)[], kind: string): ConfigProblem {
  const path = keyPath(segments);
  const top = String(segments[0]);
  const message = PLAIN_ONLY.has(top)
    ? `looks like a credential (${kind}): the stack writes ${top} into resources that every reader of them sees, and Pulumi keeps it in plain state. Remove it; read credentials at run time (Key Vault, managed identity).`
    : `looks like a credential (${kind}) but is a plain value: Pulumi.<env>.yaml and the stack's state keep it in clear text. Set it with pulumi config set --secret --path '${path}' <value>, or better read it at run time (Key Vault, managed identity).`;
  return { path, message, code: LITERAL_SECRET_CODE };
}

/**
 * Warnings for plain string values of a raw config (namespace stripped, secrets already `SECRET_PLACEHOLDER`)
 * that look like credentials, in document order. Iterative: a hostile config may nest deep.
 */
export function literalSecretWarnings(raw: unknown): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  const stack: { value: unknown; segments: (string | number)[] }[] = [{ value: raw, segments: [] }];
  while (stack.length) {
    const { value, segments } = stack.pop()!;
    if (typeof value === "string") {
      if (value === SECRET_PLACEHOLDER || segments.length === 0) continue;
      const last = segments[segments.length - 1];
      const kind = credentialKind(typeof last === "string" ? last : undefined, value);
      if (kind) out.push(warning(segments, kind));
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], segments: [...segments, i] });
    } else if (value !== null && typeof value === "object") {
      const keys = Object.keys(value);
      for (let i = keys.length - 1; i >= 0; i--) stack.push({ value: (value as Record<string, unknown>)[keys[i]!], segments: [...segments, keys[i]!] });
    }
  }
  return out;
}

/** The warning for a SecureString/SecureObject playbook parameter whose value is plain config. */
export function plainSecureParameterWarning(playbook: string, parameter: string, type: string): ConfigProblem {
  const path = keyPath(["playbooks", playbook, "parameters", parameter]);
  return {
    path,
    message: `is declared ${type} by ${playbook}, but its value is plain config: Pulumi.<env>.yaml and the stack's state keep it in clear text. Set it with pulumi config set --secret --path '${path}' <value>.`,
    code: LITERAL_SECRET_CODE,
  };
}
