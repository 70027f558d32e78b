/** JSON text positions: syntax errors with line/column, and pointer → line/column for any layout. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { JsonPositions, parseJsonText, scanJson } from "../../validators/json-text";

/** Line/column of an offset, computed the obvious way. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { line, column: offset - (before.lastIndexOf("\n") + 1) + 1 };
}

describe("parseJsonText", () => {
  it("accepts a byte order mark and agrees with JSON.parse", () => {
    expect(parseJsonText('\uFEFF{"a":1}')).toMatchObject({ ok: true, value: { a: 1 }, bom: true });
    expect(parseJsonText("[1, 2]")).toMatchObject({ ok: true, value: [1, 2], bom: false });
  });

  it.each([
    ['{"a": 1,}', 1, 9, /Trailing comma/],
    ['{\r\n  "a": "x" "y"\r\n}', 2, 12, /Expected ',' or '}'/],
    ['{"a": tru}', 1, 7, /Unexpected 't'/],
    ['{"a": "line\nbreak"}', 1, 12, /Unescaped control character/],
    ['{"a": 01}', 1, 8, /Expected ',' or '}'/],
    ["", 1, 1, /end of the file/],
    ['{"a": 1} x', 1, 10, /after the end/],
    ['{"a": "\\q"}', 1, 8, /Invalid escape/],
  ])("reports %j at line %i, column %i", (text, line, column, message) => {
    const result = parseJsonText(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ line, column });
    expect(result.error.message).toMatch(message);
  });

  it("the scanner accepts exactly what JSON.parse accepts", () => {
    fc.assert(
      fc.property(fc.oneof(fc.json(), fc.string(), fc.json().map((j) => j.slice(0, -1))), (text) => {
        let parsed = true;
        try {
          JSON.parse(text);
        } catch {
          parsed = false;
        }
        let scanned = true;
        try {
          scanJson(text, () => undefined);
        } catch {
          scanned = false;
        }
        expect(scanned).toBe(parsed);
      }),
      { numRuns: 2000, seed: 3 },
    );
  });
});

describe("JsonPositions", () => {
  it("finds every value of any layout, with or without a batch index", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), fc.constantFrom(0, 2, "\t", " \r\n "), fc.boolean(), (value, indent, batch) => {
        const text = typeof indent === "string" && indent.includes("\r") ? JSON.stringify(value, null, 1).replace(/\n/g, "\r\n") : JSON.stringify(value, null, indent);
        const starts = new Map<string, number>();
        scanJson(text, (p, s) => starts.set(p, s));
        const positions = new JsonPositions(text);
        if (batch) positions.index(starts.keys());
        for (const [pointer, start] of starts) expect(positions.locate(pointer)).toEqual(lineColumn(text, start));
      }),
      { numRuns: 300, seed: 11 },
    );
  });

  it("uses the last of duplicate keys, as JSON.parse does, and falls back to the nearest ancestor", () => {
    const text = '{\n "a": 1,\n "a": {"b": [10, 20]}\n}';
    const positions = new JsonPositions(text);
    expect(positions.locate("/a/b/1")).toEqual({ line: 3, column: 18 });
    expect(positions.locate("/a/missing/deeper")).toEqual({ line: 3, column: 7 });
    expect(positions.locate("/nope")).toEqual({ line: 1, column: 1 });
  });

  it("maps an offset inside a string past escapes", () => {
    const text = '{"k": "a\\"b\\u0041@{x}"}';
    // Decoded value: a"bA@{x}; offset 4 is '@'.
    expect(new JsonPositions(text).locate("/k", 4)).toEqual({ line: 1, column: 18 });
  });

  it("handles escaped keys and pointer escapes", () => {
    const text = '{"a/b": {"c~d": 1, "q\\"": 2}}';
    const positions = new JsonPositions(text);
    expect(positions.locate("/a~1b/c~0d")).toEqual({ line: 1, column: 17 });
    expect(positions.locate('/a~1b/q"')).toEqual({ line: 1, column: 27 });
  });
});

describe("comments (ARM accepts // and /* */ in templates)", () => {
  it("any JSON with comments at line starts and ends parses to the same value, with every position unchanged", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), (value, crlf) => {
        const plain = JSON.stringify(value, null, 1);
        const eol = crlf ? "\r\n" : "\n";
        const lines = plain.split("\n");
        const commented = lines.map((l, i) => `/* ${i} "q" */${l} // end "${i}" /* x`).join(eol);
        const parsed = parseJsonText(commented);
        expect(parsed.ok).toBe(true);
        if (!parsed.ok) return;
        expect(parsed.value).toEqual(JSON.parse(plain));
        expect(parsed.text.length).toBe(commented.length);
        expect(parsed.comment).toMatchObject({ line: 1, column: 1 });
        // Every value sits where it sits in the commented text.
        const starts = new Map<string, number>();
        scanJson(parsed.text, (p, s) => starts.set(p, s));
        const positions = new JsonPositions(parsed.text);
        for (const [pointer, start] of starts) expect(positions.locate(pointer)).toEqual(lineColumn(commented, start));
      }),
      { numRuns: 200, seed: 14 },
    );
  });

  it("leaves // and /* inside strings alone", () => {
    const parsed = parseJsonText('{"u": "https://x/y", "c": "/* no */"} // yes');
    expect(parsed).toMatchObject({ ok: true, value: { u: "https://x/y", c: "/* no */" } });
  });
});
