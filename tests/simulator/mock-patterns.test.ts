/**
 * Mock patterns match without backtracking: a pattern with many wildcards against a long URI is answered in
 * time linear in (pattern × subject), where the former regex compilation (`.*` / `([^/]*)` groups) took
 * exponential time. The captures and the wildcard meanings stay as documented.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compilePattern, matchPattern } from "../../simulator";

describe("mock pattern matching", () => {
  it("a dozen `**` against a long URI that does not match ends (no catastrophic backtracking)", () => {
    const pattern = compilePattern(`https://${"**a".repeat(12)}/never`);
    const uri = `https://${"a".repeat(4000)}`;
    expect(matchPattern(pattern, uri)).toBeUndefined();
  });

  it("a dozen `{x}` / `*` in one long segment ends too", () => {
    const pattern = compilePattern(`/api/${"{p}-*".repeat(12)}!`);
    expect(matchPattern(pattern, `/api/${"-".repeat(5000)}`)).toBeUndefined();
  });

  it("keeps the documented meanings: {name} is one segment, * part of one, a trailing * and ** anything", () => {
    expect(matchPattern(compilePattern("/api/machines/{id}/isolate"), "/api/machines/m1/isolate")).toEqual({ id: "m1" });
    expect(matchPattern(compilePattern("/api/machines/{id}/isolate"), "/api/machines/a/b/isolate")).toBeUndefined();
    expect(matchPattern(compilePattern("/api/*/x"), "/api/a/b/x")).toBeUndefined();
    expect(matchPattern(compilePattern("/api/m*s/x"), "/API/Machines/X")).toEqual({});
    expect(matchPattern(compilePattern("/api/**/x"), "/api/a/b/x")).toEqual({});
    expect(matchPattern(compilePattern("/api/*"), "/api/a/b")).toEqual({});
    expect(matchPattern(compilePattern("/files/{name}.{ext}"), "/files/report.v2.csv")).toEqual({ name: "report.v2", ext: "csv" });
    expect(matchPattern(compilePattern("/a/{x}/{y}"), "/a//b")).toEqual({ x: "", y: "b" });
    expect(matchPattern(compilePattern("/q?a=(1)"), "/q?a=(1)")).toEqual({});
    expect(matchPattern(compilePattern("/q?a=(1)"), "/q?a=12")).toBeUndefined();
  });

  it("on small inputs it agrees with the regex reading of the pattern, captures included (property)", () => {
    // The regex the patterns used to compile to: fine as an oracle on inputs too small to backtrack badly.
    const oracle = (source: string, subject: string): Record<string, string> | undefined => {
      const names: string[] = [];
      let re = "";
      for (let i = 0; i < source.length; i++) {
        const ch = source[i]!;
        const close = ch === "{" ? source.indexOf("}", i) : -1;
        if (close > i) {
          names.push(source.slice(i + 1, close));
          re += "([^/]*)";
          i = close;
        } else if (ch === "*") {
          if (source[i + 1] === "*") {
            re += ".*";
            i++;
          } else re += i === source.length - 1 ? ".*" : "[^/]*";
        } else re += /[.+?^$()|[\]\\{}]/.test(ch) ? `\\${ch}` : ch;
      }
      const m = new RegExp(`^${re}$`, "i").exec(subject);
      return m ? Object.fromEntries(names.map((n, i) => [n, m[i + 1]!])) : undefined;
    };
    const piece = fc.constantFrom("a", "B", "/", "-", "*", "**", "{x}", "{y}", ".", "?");
    const char = fc.constantFrom("a", "b", "A", "/", "-", ".", "?");
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), fc.array(char, { maxLength: 12 }), (parts, chars) => {
        const source = parts.join("");
        const subject = chars.join("");
        const pattern = compilePattern(source);
        const text = pattern.hasQuery || !subject.includes("?") ? subject : subject.slice(0, subject.indexOf("?"));
        expect(matchPattern(pattern, subject)).toEqual(oracle(source, text));
      }),
      { numRuns: 2000 },
    );
  });
});
