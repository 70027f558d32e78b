/** Number typing, big integers, binary content and the static context. */
import { describe, expect, it } from "vitest";
import { createStaticContext, evaluateString } from "../../simulator/expression/evaluate";
import { formatDouble } from "../../simulator/expression/values";

const ctx = createStaticContext({ parameters: { n: 5, f: 2.5, env: { "$content-type": "text/plain", $content: "aGVsbG8=" } } });
const ev = (e: string) => evaluateString(e, ctx);

describe("integers and floats", () => {
  it("keeps integer arithmetic integral and C#-truncating", () => {
    expect(ev("@div(7, 2)")).toBe(3);
    expect(ev("@div(-7, 2)")).toBe(-3);
    expect(ev("@mod(-7, 2)")).toBe(-1);
    expect(ev("@mul(3, 4)")).toBe(12);
  });
  it("a float operand makes a float, even with an integral value", () => {
    expect(ev("@div(7, 2.0)")).toBe(3.5);
    // 6.0 / 4 = 1.5 needs float division although 6.0 is integral.
    expect(ev("@div(6.0, 4)")).toBe(1.5);
    expect(ev("@div(div(6.0, 2), 4)")).toBe(0.75);
    expect(ev("@div(float('6'), 4)")).toBe(1.5);
    expect(ev("@div(add(1.5, 1.5), 2)")).toBe(1.5);
  });
  it("computes tick arithmetic exactly beyond 2^53", () => {
    expect(ev("@sub(ticks('2018-03-15T13:00:00.0000001Z'), ticks('2018-03-15T13:00:00Z'))")).toBe(1);
    expect(ev("@div(sub(ticks('2018-03-15T13:00:10Z'), ticks('2018-03-15T13:00:00Z')), 10000000)")).toBe(10);
    expect(ev("@string(ticks('2018-03-15T13:00:00.0000001Z'))")).toBe("636567156000000001");
    expect(ev("@greater(ticks('2018-03-15T13:00:00.0000001Z'), ticks('2018-03-15T13:00:00Z'))")).toBe(true);
  });
  it("formats doubles as .NET does", () => {
    expect(formatDouble(0.1 + 0.2)).toBe("0.30000000000000004");
    expect(formatDouble(1e15)).toBe("1E+15");
    expect(formatDouble(1.5e-7)).toBe("1.5E-07");
    expect(formatDouble(123456.789)).toBe("123456.789");
  });
  it("max/min keep the winning value's type", () => {
    expect(ev("@max(1, 2.5, 2)")).toBe(2.5);
    expect(ev("@string(min(3, 1.0))")).toBe("1");
  });
});

describe("binary content", () => {
  it("reads content envelopes as binary", () => {
    expect(ev("@base64(parameters('env'))")).toBe("aGVsbG8=");
    expect(ev("@string(parameters('env'))")).toBe("hello");
    expect(ev("@dataUri(parameters('env'))")).toBe("data:text/plain;base64,aGVsbG8=");
  });
  it("treats a string as UTF-8 bytes", () => {
    expect(ev("@base64('héllo')")).toBe(Buffer.from("héllo").toString("base64"));
    expect(ev("@base64ToString(base64('日本'))")).toBe("日本");
  });
  it("puts binary inside arrays as envelopes", () => {
    expect(ev("@createArray(binary('a'))")).toEqual([{ "$content-type": "application/octet-stream", $content: "YQ==" }]);
  });
});

describe("static context", () => {
  it("is deterministic for a seed", () => {
    const a = createStaticContext({ seed: 42 });
    const b = createStaticContext({ seed: 42 });
    const guidsA = [evaluateString("@guid()", a), evaluateString("@guid()", a)];
    const guidsB = [evaluateString("@guid()", b), evaluateString("@guid()", b)];
    expect(guidsA).toEqual(guidsB);
    expect(guidsA[0]).not.toBe(guidsA[1]);
    expect(guidsA[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(evaluateString("@rand(0, 1000)", a)).toBe(evaluateString("@rand(0, 1000)", b));
  });
  it("uses the given clock and a fixed default", () => {
    expect(evaluateString("@utcNow()", createStaticContext({ now: "2021-05-06T07:08:09.123Z" }))).toBe("2021-05-06T07:08:09.1230000Z");
    expect(evaluateString("@utcNow()", createStaticContext())).toBe("2024-01-01T00:00:00.0000000Z");
  });
  it("looks variables and parameters up case-insensitively", () => {
    const c = createStaticContext({ variables: { MyVar: 1 }, parameters: { "$connections": { wdatp: { connectionId: "x" } } } });
    expect(evaluateString("@variables('myvar')", c)).toBe(1);
    expect(evaluateString("@parameters('$connections')['wdatp']['connectionId']", c)).toBe("x");
  });
});
