/** Properties that must hold for every input (fast-check). */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createStaticContext, evaluateString } from "../../simulator/expression/evaluate";

/** Quote a string as an expression literal. */
const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

// Well-formed UTF-16 (no lone surrogates), which is what JSON strings carry.
const text = fc.string({ unit: "grapheme", maxLength: 40 });

/** Timestamps in .NET's range with 100 ns precision, as ISO strings (kind Utc). */
const timestamp = fc
  .record({ ms: fc.integer({ min: -62135596800000, max: 253402300799999 }), sub: fc.integer({ min: 0, max: 9999 }) })
  .map(({ ms, sub }) => {
    const d = new Date(ms);
    const frac = String(d.getUTCMilliseconds() * 10000 + sub).padStart(7, "0");
    return `${d.toISOString().slice(0, 19)}.${frac}Z`;
  });

describe("round trips", () => {
  const ctx = createStaticContext();
  it("base64ToString(base64(s)) == s", () => {
    fc.assert(fc.property(text, (s) => evaluateString(`@base64ToString(base64(${lit(s)}))`, ctx) === s));
  });
  it("decodeUriComponent(encodeUriComponent(s)) == s, and the encoding is URL-safe", () => {
    fc.assert(
      fc.property(text, (s) => {
        const encoded = evaluateString(`@encodeUriComponent(${lit(s)})`, ctx) as string;
        expect(encoded).toMatch(/^[A-Za-z0-9\-_.~%]*$/);
        return evaluateString(`@decodeUriComponent(${lit(encoded)})`, ctx) === s;
      }),
    );
  });
  it("dataUriToString(dataUri(s)) == s", () => {
    fc.assert(fc.property(text, (s) => evaluateString(`@dataUriToString(dataUri(${lit(s)}))`, ctx) === s));
  });
  it("json(string(x)) == x for JSON objects and arrays", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3 }).filter((v) => typeof v === "object" && v !== null), (value) => {
        const encoded = JSON.stringify(value);
        // -0 does not survive JSON text; compare through JSON.
        const roundTrip = evaluateString(`@json(string(json(${lit(encoded)})))`, ctx);
        expect(JSON.stringify(roundTrip)).toBe(encoded);
      }),
    );
  });
  it("formatDateTime(t) and parseDateTime(t) give back the same instant ('o' format)", () => {
    fc.assert(
      fc.property(timestamp, (t) => {
        expect(evaluateString(`@formatDateTime(${lit(t)})`, ctx)).toBe(t);
        expect(evaluateString(`@parseDateTime(${lit(t)})`, ctx)).toBe(t);
      }),
    );
  });
  it("parseDateTime reads back what formatDateTime writes with a custom format", () => {
    fc.assert(
      fc.property(timestamp, fc.constantFrom("yyyy-MM-dd HH:mm:ss.fffffff", "dd/MM/yyyy HH:mm:ss.fffffff", "MMMM d yyyy h:mm:ss.fffffff tt"), (t, format) => {
        const formatted = evaluateString(`@formatDateTime(${lit(t)}, ${lit(format)})`, ctx) as string;
        const parsed = evaluateString(`@parseDateTime(${lit(formatted)}, 'en-US', ${lit(format)})`, ctx);
        expect(parsed).toBe(t.replace(/Z$/, ""));
      }),
    );
  });
  it("ticks() is exact: addSeconds(t, n) is n × 10^7 ticks later", () => {
    fc.assert(
      fc.property(
        timestamp.filter((t) => t > "0001-01-03" && t < "9999-12-01"),
        fc.integer({ min: -100000, max: 100000 }),
        (t, n) => {
          const later = evaluateString(`@addSeconds(${lit(t)}, ${n})`, ctx) as string;
          const delta = evaluateString(`@sub(ticks(${lit(later)}), ticks(${lit(t)}))`, ctx);
          expect(delta).toBe(n * 10000000);
        },
      ),
    );
  });
  it("convertToUtc undoes convertFromUtc outside DST transitions", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2030, 0, 1) }),
        fc.constantFrom("W. Europe Standard Time", "Pacific Standard Time", "Tokyo Standard Time", "India Standard Time", "AUS Eastern Standard Time"),
        (ms, zone) => {
          const t = `${new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19)}.0000000Z`;
          const local = evaluateString(`@convertFromUtc(${lit(t)}, ${lit(zone)})`, ctx) as string;
          const back = evaluateString(`@convertToUtc(${lit(local)}, ${lit(zone)})`, ctx) as string;
          // In the repeated hour when DST ends, convertToUtc picks standard time, as .NET does.
          const diff = Math.abs(Date.parse(back) - Date.parse(t));
          expect(diff === 0 || diff === 3600000).toBe(true);
        },
      ),
    );
  });
  it("formatNumber with 'N2' reads back with float() to the rounded value", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), (x) => {
        const formatted = evaluateString(`@formatNumber(${String(x)}, 'N2')`, ctx) as string;
        const back = evaluateString(`@float(${lit(formatted)})`, ctx) as number;
        expect(Math.abs(back - x)).toBeLessThanOrEqual(0.005 + 1e-9 * Math.abs(x));
      }),
    );
  });
  it("split(join(a, d), d) == a when no item contains the delimiter", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 5 }).filter((s) => !s.includes("|")), { minLength: 1, maxLength: 8 }), (items) => {
        const array = `createArray(${items.map(lit).join(", ")})`;
        expect(evaluateString(`@split(join(${array}, '|'), '|')`, ctx)).toEqual(items);
      }),
    );
  });
});
