/**
 * ARM template expressions (`[concat('a', parameters('b'))]`), as far as a simulated deployment needs them:
 * string and integer literals, `parameters()`, `variables()`, `concat()` and `format()`, and `.name` / `[i]`
 * accessors. Anything else (`resourceGroup()`, `uniqueString()`, …) has no value outside Azure: the caller keeps the
 * string as it is.
 */

/** A parsed ARM expression. */
export type ArmExpr =
  | { kind: "string"; value: string }
  | { kind: "number"; value: number }
  | { kind: "call"; name: string; args: ArmExpr[] }
  | { kind: "member"; target: ArmExpr; key: ArmExpr };

/** Parse the text between `[` and `]`; undefined when it is not an expression this module reads. */
export function parseArmExpression(text: string): ArmExpr | undefined {
  let i = 0;
  const ws = () => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const expr = (depth: number): ArmExpr | undefined => {
    if (depth > 64) return undefined;
    ws();
    const c = text[i];
    let out: ArmExpr | undefined;
    if (c === "'") {
      let value = "";
      i++;
      for (;;) {
        if (i >= text.length) return undefined;
        if (text[i] === "'") {
          if (text[i + 1] === "'") {
            value += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += text[i++];
      }
      out = { kind: "string", value };
    } else if (c !== undefined && /[-0-9]/.test(c)) {
      const m = /^-?\d+/.exec(text.slice(i));
      if (!m) return undefined;
      i += m[0].length;
      out = { kind: "number", value: Number(m[0]) };
    } else {
      const m = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(text.slice(i));
      if (!m) return undefined;
      i += m[0].length;
      ws();
      if (text[i] !== "(") return undefined;
      i++;
      const args: ArmExpr[] = [];
      ws();
      if (text[i] === ")") i++;
      else {
        for (;;) {
          const arg = expr(depth + 1);
          if (!arg) return undefined;
          args.push(arg);
          ws();
          if (text[i] === ",") {
            i++;
            continue;
          }
          if (text[i] === ")") {
            i++;
            break;
          }
          return undefined;
        }
      }
      out = { kind: "call", name: m[0].toLowerCase(), args };
    }
    for (;;) {
      ws();
      if (text[i] === ".") {
        i++;
        const m = /^[A-Za-z_$][A-Za-z0-9_$-]*/.exec(text.slice(i));
        if (!m) return undefined;
        i += m[0].length;
        out = { kind: "member", target: out, key: { kind: "string", value: m[0] } };
      } else if (text[i] === "[") {
        i++;
        const key = expr(depth + 1);
        ws();
        if (!key || text[i] !== "]") return undefined;
        i++;
        out = { kind: "member", target: out, key };
      } else return out;
    }
  };
  const result = expr(0);
  ws();
  return result && i === text.length ? result : undefined;
}

/** What evaluating needs from the template: a parameter's or variable's value, already expanded. */
export type ArmLookup = (section: "parameters" | "variables", name: string) => { found: true; value: unknown } | { found: false };

/** No value outside Azure (an unsupported function, a missing parameter): the string stays as written. */
const UNKNOWN = Symbol("unknown");

/** ARM's string form of a value inside `concat`/`format`. */
function text(value: unknown): string | typeof UNKNOWN {
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  if (typeof value === "boolean") return value ? "True" : "False";
  if (value !== null && typeof value === "object") return JSON.stringify(value);
  return UNKNOWN;
}

/** .NET composite formatting as ARM's format() does it: `{0}`, `{{`, `}}` (format specifiers are not read). */
function format(pattern: string, args: unknown[]): string | typeof UNKNOWN {
  let out = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "{" && pattern[i + 1] === "{") {
      out += "{";
      i++;
    } else if (c === "}" && pattern[i + 1] === "}") {
      out += "}";
      i++;
    } else if (c === "{") {
      const m = /^\{(\d+)\}/.exec(pattern.slice(i));
      if (!m || Number(m[1]) >= args.length) return UNKNOWN;
      const piece = text(args[Number(m[1])]);
      if (piece === UNKNOWN) return UNKNOWN;
      out += piece;
      i += m[0].length - 1;
    } else out += c;
  }
  return out;
}

/** Evaluate; `{ok: false}` when some part has no value outside Azure. */
export function evaluateArmExpression(expr: ArmExpr, lookup: ArmLookup): { ok: true; value: unknown } | { ok: false } {
  const value = evaluate(expr, lookup);
  return value === UNKNOWN ? { ok: false } : { ok: true, value };
}

function evaluate(expr: ArmExpr, lookup: ArmLookup): unknown {
  switch (expr.kind) {
    case "string":
    case "number":
      return expr.value;
    case "member": {
      const target = evaluate(expr.target, lookup);
      const key = evaluate(expr.key, lookup);
      if (target === UNKNOWN || key === UNKNOWN) return UNKNOWN;
      if (Array.isArray(target) && typeof key === "number") return key >= 0 && key < target.length ? target[key] : UNKNOWN;
      if (target !== null && typeof target === "object" && !Array.isArray(target) && typeof key === "string") {
        const obj = target as Record<string, unknown>;
        const name = Object.keys(obj).find((k) => k.toLowerCase() === key.toLowerCase());
        return name === undefined ? UNKNOWN : obj[name];
      }
      return UNKNOWN;
    }
    case "call": {
      const args = expr.args.map((a) => evaluate(a, lookup));
      if (args.includes(UNKNOWN)) return UNKNOWN;
      switch (expr.name) {
        case "parameters":
        case "variables": {
          if (args.length !== 1 || typeof args[0] !== "string") return UNKNOWN;
          const found = lookup(expr.name, args[0]);
          return found.found ? found.value : UNKNOWN;
        }
        case "concat": {
          if (args.length > 0 && args.every(Array.isArray)) return (args as unknown[][]).flat(1);
          let out = "";
          for (const a of args) {
            const piece = text(a);
            if (piece === UNKNOWN) return UNKNOWN;
            out += piece;
          }
          return out;
        }
        case "format":
          return args.length >= 1 && typeof args[0] === "string" ? format(args[0], args.slice(1)) : UNKNOWN;
        default:
          return UNKNOWN;
      }
    }
  }
}
