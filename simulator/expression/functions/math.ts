/**
 * Math functions. Integers stay integers (`add(1, 2)` is 3, `div(7, 2)` is 3, truncating as C# does);
 * any float operand makes a float (`div(7, 2.0)` is 3.5); decimals (from `decimal()`) stay exact.
 * Integers beyond ±2^53 are computed as bigints, so tick arithmetic is exact.
 *
 * Overflow is an error (`Overflow`): an integer result outside Int64, a float result beyond ±Double.MaxValue
 * (Infinity, or NaN from Infinity − Infinity), a decimal beyond ±Decimal.MaxValue. UNCONFIRMED: the functions
 * reference says nothing about overflow. .NET would wrap an unchecked Int64 and give Infinity for a double, but
 * neither can be what a playbook means, and Infinity has no JSON form (it became null, silently); .NET's
 * decimal arithmetic throws OverflowException, so we fail the expression in all three cases.
 */
import { EvaluationError, invalidArgument } from "../errors";
import { DecimalValue, FloatValue, compareNumbers, decimalFromNumber, makeFloat, normalizeInt } from "../values";
import { int, num, type FunctionTable, type Site } from "./types";

type Num = number | bigint | FloatValue | DecimalValue;

const DECIMAL_DIGITS = 28;

function isFloat(v: Num): boolean {
  return v instanceof FloatValue || (typeof v === "number" && !Number.isInteger(v));
}

function asDecimal(v: Num): DecimalValue {
  if (v instanceof DecimalValue) return v;
  return decimalFromNumber(v instanceof FloatValue ? v.value : v);
}

function align(a: DecimalValue, b: DecimalValue): [bigint, bigint, number] {
  const scale = Math.max(a.scale, b.scale);
  return [a.mantissa * 10n ** BigInt(scale - a.scale), b.mantissa * 10n ** BigInt(scale - b.scale), scale];
}

/** Drop trailing zero digits after the point (keeps results like .NET's normalised decimals short). */
function trimDecimal(mantissa: bigint, scale: number): DecimalValue {
  while (scale > 0 && mantissa % 10n === 0n) {
    mantissa /= 10n;
    scale--;
  }
  return new DecimalValue(mantissa, scale);
}

function divideByZero(site: Site): EvaluationError {
  return new EvaluationError("DivideByZero", `The template language function '${site.name}' cannot divide by zero: its second parameter (the divisor) is 0.`);
}

type Op = "add" | "sub" | "mul" | "div" | "mod";

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
/** Decimal.MaxValue, 2^96 − 1: the integer part of a decimal result must stay within it. */
const DECIMAL_MAX = 2n ** 96n - 1n;

function overflow(site: Site, op: Op, a: Num, b: Num, range: string): EvaluationError {
  // An integer literal past ±2^53 is the nearest double (the parser reads numbers as doubles): show its exact value.
  const shown = (v: Num) => (v instanceof FloatValue ? String(v.value) : typeof v === "number" && Number.isInteger(v) && Number.isFinite(v) ? BigInt(v).toString() : String(v));
  return new EvaluationError(
    "Overflow",
    `The template language function '${site.name}' overflowed: ${op}(${shown(a)}, ${shown(b)}) is outside the range of ${range}. Keep the operands smaller, or compute with decimal() or strings.`,
  );
}

/** The result, or an `Overflow` error when it left the range of its type. */
function checked(site: Site, op: Op, a: Num, b: Num, r: Num): Num {
  if (r instanceof FloatValue ? !Number.isFinite(r.value) : typeof r === "number" && !Number.isFinite(r)) throw overflow(site, op, a, b, "a double (±1.7976931348623157E+308)");
  if (typeof r === "bigint" && (r < INT64_MIN || r > INT64_MAX)) throw overflow(site, op, a, b, "an Int64 (−9223372036854775808 to 9223372036854775807)");
  if (r instanceof DecimalValue) {
    const whole = r.mantissa / 10n ** BigInt(r.scale);
    if (whole > DECIMAL_MAX || whole < -DECIMAL_MAX) throw overflow(site, op, a, b, "a decimal (±79228162514264337593543950335)");
  }
  return r;
}

function arithmetic(site: Site, op: Op, a: Num, b: Num): Num {
  if (a instanceof DecimalValue || b instanceof DecimalValue) {
    const x = asDecimal(a);
    const y = asDecimal(b);
    if ((op === "div" || op === "mod") && y.mantissa === 0n) throw divideByZero(site);
    if (op === "mul") return trimDecimal(x.mantissa * y.mantissa, x.scale + y.scale);
    const [ma, mb, scale] = align(x, y);
    switch (op) {
      case "add":
        return new DecimalValue(ma + mb, scale);
      case "sub":
        return new DecimalValue(ma - mb, scale);
      case "mod":
        return new DecimalValue(ma % mb, scale);
      case "div": {
        // 28 significant digits, rounded half away from zero.
        const extra = DECIMAL_DIGITS + 2;
        const q = (ma * 10n ** BigInt(extra)) / mb;
        const rounded = (q + (q >= 0n ? 5n : -5n)) / 10n;
        return trimDecimal(rounded, extra - 1);
      }
    }
  }
  if (isFloat(a) || isFloat(b)) {
    const x = a instanceof FloatValue ? a.value : Number(a);
    const y = b instanceof FloatValue ? b.value : Number(b);
    if ((op === "div" || op === "mod") && y === 0) throw divideByZero(site);
    switch (op) {
      case "add":
        return makeFloat(x + y);
      case "sub":
        return makeFloat(x - y);
      case "mul":
        return makeFloat(x * y);
      case "div":
        return makeFloat(x / y);
      case "mod":
        return makeFloat(x % y);
    }
  }
  // Integers.
  if (typeof a === "number" && typeof b === "number") {
    let r: number;
    switch (op) {
      case "add":
        r = a + b;
        break;
      case "sub":
        r = a - b;
        break;
      case "mul":
        r = a * b;
        break;
      case "div":
        if (b === 0) throw divideByZero(site);
        r = Math.trunc(a / b);
        break;
      case "mod":
        if (b === 0) throw divideByZero(site);
        r = a % b;
        break;
    }
    if (Number.isSafeInteger(r)) return r === 0 ? 0 : r;
  }
  const x = BigInt(a as number | bigint);
  const y = BigInt(b as number | bigint);
  switch (op) {
    case "add":
      return normalizeInt(x + y);
    case "sub":
      return normalizeInt(x - y);
    case "mul":
      return normalizeInt(x * y);
    case "div":
      if (y === 0n) throw divideByZero(site);
      return normalizeInt(x / y);
    case "mod":
      if (y === 0n) throw divideByZero(site);
      return normalizeInt(x % y);
  }
}

function binary(op: Op) {
  return {
    eager: (a: unknown[], _c: unknown, s: Site) => {
      const x = num(s, a, 0);
      const y = num(s, a, 1);
      return checked(s, op, x, y, arithmetic(s, op, x, y));
    },
  };
}

function extreme(site: Site, args: unknown[], sign: 1 | -1): unknown {
  const values = args.length === 1 && Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
  if (values.length === 0) throw invalidArgument(site.name, "expects at least one number, or a non-empty array of numbers.");
  let best = num(site, values, 0);
  for (let i = 1; i < values.length; i++) {
    const n = num(site, values, i);
    if (compareNumbers(n, best) * sign > 0) best = n;
  }
  return best;
}

export const mathFunctions: FunctionTable = {
  add: binary("add"),
  sub: binary("sub"),
  mul: binary("mul"),
  div: binary("div"),
  mod: binary("mod"),
  max: { eager: (a, _c, s) => extreme(s, a, 1) },
  min: { eager: (a, _c, s) => extreme(s, a, -1) },
  rand: {
    eager: (a, ctx, s) => {
      const min = int(s, a, 0);
      const max = int(s, a, 1);
      if (min > max) throw invalidArgument(s.name, `expects its first parameter 'minValue' (${min}) to be at most its second parameter 'maxValue' (${max}).`);
      return min + Math.floor(ctx.random() * (max - min));
    },
  },
  range: {
    eager: (a, _c, s) => {
      const start = int(s, a, 0);
      const count = int(s, a, 1);
      if (count < 0 || count > 100000) throw invalidArgument(s.name, `expects its second parameter 'count' to be between 0 and 100000. The provided value is '${count}'.`);
      if (start + count > 2147483647) throw invalidArgument(s.name, "expects the sum of 'startIndex' and 'count' to be at most 2147483647.");
      const out = new Array<number>(count);
      for (let i = 0; i < count; i++) out[i] = start + i;
      return out;
    },
  },
};
