/** Secrets: no literal credentials in HTTP requests; actions that handle secrets hide them from run history. */
import { isExpressionString } from "../../wdl/expression/ast";
import { joinPointer } from "../../wdl/pointer";
import { isObject } from "../../wdl/walk";
import type { ActionNode, Model } from "../model";
import { literalArg } from "../model";
import type { Rule } from "./rule";
import { isOpaque, literalParts, literalPrefix, literalText } from "./text";
import { httpRequests } from "./warnings";

/** Header, query and body keys whose value is a credential, normalised (lower case, no `x-` prefix, no `-`/`_`). */
const SECRET_KEYS = new Set([
  "clientsecret", "secret", "password", "passwd", "pwd", "apikey", "accesstoken", "refreshtoken", "authtoken", "bearertoken", "idtoken",
  "subscriptionkey", "ocpapimsubscriptionkey", "functionskey", "sharedaccesskey", "accountkey", "sastoken", "privatekey",
]);
/** Query keys that carry a credential in URLs (a SAS signature). */
const SECRET_QUERY_KEYS = new Set(["sig"]);

function normaliseKey(key: string): string {
  const l = key.trim().toLowerCase();
  return (l.startsWith("x-") ? l.slice(2) : l).replace(/[-_]/g, "");
}

/** Key tests with a `test` method, so they read like the regular expressions they replace. */
const SECRET_KEY = { test: (key: string) => SECRET_KEYS.has(normaliseKey(key)) };
const SECRET_QUERY_KEY = { test: (key: string) => SECRET_QUERY_KEYS.has(normaliseKey(key)) };
/** Authorization-style headers. */
const AUTH_HEADER = /^(?:proxy-)?authorization$/i;
/** Credential fields of an Http `authentication` object. */
const AUTH_SECRET_FIELDS = ["secret", "password", "pfx"];

/** One place that holds a credential if its value is literal. */
interface Slot {
  pointer: string;
  value: unknown;
  what: string;
  /** Authorization header: only the part after the scheme is the secret. */
  authorization?: boolean;
}

/** Credential places of one HTTP request: headers, queries, body keys, authentication fields. */
function slots(request: ReturnType<typeof httpRequests>[number]): Slot[] {
  const out: Slot[] = [];
  const { inputs, pointer } = request;
  if (isObject(inputs.headers)) {
    for (const [key, value] of Object.entries(inputs.headers)) {
      const at = joinPointer(pointer, "headers", key);
      if (AUTH_HEADER.test(key)) out.push({ pointer: at, value, what: `the ${key} header`, authorization: true });
      else if (SECRET_KEY.test(key)) out.push({ pointer: at, value, what: `the ${key} header` });
    }
  }
  if (isObject(inputs.queries)) {
    for (const [key, value] of Object.entries(inputs.queries)) {
      if (SECRET_KEY.test(key) || SECRET_QUERY_KEY.test(key)) out.push({ pointer: joinPointer(pointer, "queries", key), value, what: `the '${key}' query parameter` });
    }
  }
  const body = (value: unknown, at: string) => {
    if (Array.isArray(value)) value.forEach((v, i) => body(v, `${at}/${i}`));
    else if (isObject(value)) {
      for (const [key, v] of Object.entries(value)) {
        const p = joinPointer(at, key);
        if (SECRET_KEY.test(key) && (typeof v === "string" || typeof v === "number")) out.push({ pointer: p, value: v, what: `the body field '${key}'` });
        else body(v, p);
      }
    }
  };
  body(inputs.body, joinPointer(pointer, "body"));
  const auth = inputs.authentication;
  if (isObject(auth)) {
    const fields = typeof auth.type === "string" && auth.type.toLowerCase() === "raw" ? ["value"] : AUTH_SECRET_FIELDS;
    for (const field of fields) {
      if (field in auth) out.push({ pointer: joinPointer(pointer, "authentication", field), value: auth[field], what: `authentication.${field}` });
    }
  }
  return out;
}

/** Where a literal credential sits in `key=value` text (a URI query or a form-encoded body). */
function literalPairs(model: Model, value: unknown, separator: RegExp, keys: { test(key: string): boolean }): string[] {
  const parts = literalParts(model, value);
  if (!parts) return [];
  const found: string[] = [];
  for (const part of parts) {
    for (const m of part.text.matchAll(separator)) {
      const key = decodeSafe(m[1]!);
      const secret = m[2]!;
      const reachesExpression = m.index! + m[0].length === part.text.length && part.beforeExpression;
      if (keys.test(key) && secret.trim() !== "" && !reachesExpression) found.push(key);
    }
  }
  return found;
}

function decodeSafe(text: string): string {
  try {
    return decodeURIComponent(text.trim());
  } catch {
    return text.trim();
  }
}

/** True when an Authorization header value carries a literal credential after its scheme. */
function literalAuthorization(model: Model, value: unknown): boolean {
  const prefix = literalPrefix(model, value);
  if (prefix === undefined) return false;
  const token = prefix.trim().replace(/^(?:bearer|basic|digest|negotiate|sharedaccesssignature|sas|token|apikey)\b\s*/i, "");
  return token.length >= 8 && !/\s/.test(token);
}

export const literalSecret: Rule = {
  code: "literal-secret",
  severity: "error",
  summary: "An Http request carries a literal credential (bearer token, password, client secret, API key, SAS signature) in its headers, query, body or authentication.",
  fix: "Read it at run time instead: a SecureString parameter, Key Vault, or managed identity authentication.",
  check(model, report) {
    for (const request of httpRequests(model)) {
      const tell = (pointer: string, what: string) =>
        report(pointer, `The ${request.owner} sends a literal credential in ${what}: anyone who can read the definition can read it. Use a SecureString parameter, Key Vault or managed identity instead.`);
      for (const slot of slots(request)) {
        if (slot.authorization) {
          if (literalAuthorization(model, slot.value)) tell(slot.pointer, slot.what);
          continue;
        }
        const text = typeof slot.value === "number" ? String(slot.value) : literalText(model, slot.value);
        if (text !== undefined && text.trim() !== "") tell(slot.pointer, slot.what);
      }
      const queryKey = { test: (key: string) => SECRET_KEY.test(key) || SECRET_QUERY_KEY.test(key) };
      for (const key of literalPairs(model, request.inputs.uri, /[?&]([^=&#]+)=([^&#]*)/g, queryKey)) {
        tell(joinPointer(request.pointer, "uri"), `the '${key}' query parameter of the URI`);
      }
      if (typeof request.inputs.body === "string") {
        for (const key of literalPairs(model, request.inputs.body, /(?:^|&)([^=&]+)=([^&]*)/g, SECRET_KEY)) {
          tell(joinPointer(request.pointer, "body"), `the form field '${key}' of the body`);
        }
      }
    }
  },
};

/**
 * True when an ARM value is `[variables('v')]` and the template's variable `v` is a workflow expression (published
 * templates keep `@body('Get_secret')?['value']` in a variable): ARM writes the expression, not a secret.
 */
function armVariableIsExpression(model: Model, value: unknown): boolean {
  const m = typeof value === "string" ? /^\[\s*variables\(\s*'((?:[^']|'')*)'\s*\)\s*\]$/i.exec(value) : null;
  const variables = model.target.armContext?.template.variables;
  if (!m || !isObject(variables)) return false;
  const resolved = variables[m[1]!.replace(/''/g, "'")];
  return typeof resolved === "string" && isExpressionString(resolved);
}

export const armSecretInlined: Rule = {
  code: "arm-secret-inlined",
  severity: "warning",
  summary:
    "In an ARM template, a credential slot of an Http request (header, query, body field, authentication secret) is an ARM expression: ARM resolves it at deploy time and stores the secret in clear text in the workflow definition.",
  fix: "Declare a SecureString parameter in the definition, pass the ARM value through the workflow resource's `parameters`, and use `@parameters('…')` in the slot.",
  check(model, report) {
    if (!model.target.arm) return;
    for (const request of httpRequests(model)) {
      for (const slot of slots(request)) {
        if (!isOpaque(model, slot.value) || armVariableIsExpression(model, slot.value)) continue;
        report(
          slot.pointer,
          `The ${request.owner} puts ${slot.value as string} in ${slot.what}; ARM writes the resolved secret into the deployed definition in clear text. Pass it through a SecureString definition parameter instead.`,
        );
      }
    }
  },
};

const SECURE_TYPES = new Set(["securestring", "secureobject"]);

/** Actions whose own expressions read a SecureString/SecureObject parameter, with the first such parameter. */
function secureParameterReaders(model: Model): Map<ActionNode, string> {
  const readers = new Map<ActionNode, string>();
  for (const site of model.sites) {
    if (site.owner.kind !== "action" || readers.has(site.owner.node)) continue;
    for (const call of site.calls) {
      if (call.name.toLowerCase() !== "parameters") continue;
      const name = literalArg(call);
      if (name === undefined || name === "$authentication") continue; // Power Automate's platform token
      const decl = model.parameters.get(name.toLowerCase())?.decl;
      if (isObject(decl) && typeof decl.type === "string" && SECURE_TYPES.has(decl.type.toLowerCase())) {
        readers.set(site.owner.node, name);
        break;
      }
    }
  }
  return readers;
}

/** Why an action handles secrets: which run-history properties to hide and why. */
function sensitivity(node: ActionNode, secureParameter: string | undefined): { inputs?: string; outputs?: string } {
  const out: { inputs?: string; outputs?: string } = {};
  if (secureParameter !== undefined) out.inputs = `it reads the secure parameter '${secureParameter}'`;
  const inputs = node.action.inputs;
  if (!isObject(inputs)) return out;
  if (node.type === "http") {
    const auth = inputs.authentication;
    if (isObject(auth)) {
      const fields = typeof auth.type === "string" && auth.type.toLowerCase() === "raw" ? ["value"] : AUTH_SECRET_FIELDS;
      const field = fields.find((f) => typeof auth[f] === "string" && (auth[f] as string).trim() !== "");
      if (field) out.inputs ??= `its authentication carries a ${field}`;
    }
    if (isObject(inputs.headers) && Object.entries(inputs.headers).some(([k, v]) => AUTH_HEADER.test(k) && typeof v === "string" && v.trim() !== "")) {
      out.inputs ??= "it sends an Authorization header";
    }
    const uri = typeof inputs.uri === "string" ? inputs.uri : "";
    if (/\/oauth2\/(?:v2\.0\/)?token\b/i.test(uri)) {
      out.outputs ??= "it requests an OAuth token, which its outputs contain";
      if (typeof inputs.body === "string" && /client_secret=|password=/i.test(inputs.body)) out.inputs ??= "it sends client credentials";
    }
  }
  if (node.type === "apiconnection" && typeof inputs.path === "string" && /\/secrets\/.+\/value/i.test(inputs.path)) {
    out.outputs ??= "it reads a Key Vault secret, which its outputs contain";
  }
  return out;
}

export const secureDataMissing: Rule = {
  code: "secure-data-missing",
  severity: "warning",
  summary: "An action handles a secret (secure parameter, credentials, Key Vault secret, OAuth token) but does not hide its inputs/outputs from run history.",
  fix: "Add `runtimeConfiguration: {secureData: {properties: [\"inputs\", \"outputs\"]}}` (the properties the message names).",
  check(model, report) {
    const readers = secureParameterReaders(model);
    for (const node of model.actions) {
      const why = sensitivity(node, readers.get(node));
      if (!why.inputs && !why.outputs) continue;
      const rc = node.action.runtimeConfiguration;
      const secure = isObject(rc) && isObject(rc.secureData) && Array.isArray(rc.secureData.properties) ? rc.secureData.properties : [];
      const has = new Set(secure.filter((p): p is string => typeof p === "string").map((p) => p.toLowerCase()));
      const missing: string[] = [];
      const reasons: string[] = [];
      if (why.inputs && !has.has("inputs")) {
        missing.push("inputs");
        reasons.push(why.inputs);
      }
      if (why.outputs && !has.has("outputs")) {
        missing.push("outputs");
        reasons.push(why.outputs);
      }
      if (!missing.length) continue;
      report(
        node.pointer,
        `'${node.name}' handles a secret (${reasons.join("; ")}) but its ${missing.join(" and ")} show in run history: add runtimeConfiguration.secureData.properties ${JSON.stringify(missing)}.`,
      );
    }
  },
};
