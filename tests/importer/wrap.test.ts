/** Line width of generated code: long string values become concatenations of the same string; comments wrap. */
import { describe, expect, it } from "vitest";
import { commentLines, wrapLongStrings } from "../../importer/wrap";

/** The string a wrapped (or unwrapped) string-value line group spells: its literals' values concatenated. */
const valueOf = (text: string): string => [...text.matchAll(/"((?:[^"\\]|\\.)*)"(?!:)/g)].map((m) => JSON.parse(`"${m[1]}"`) as string).join("");
const widths = (text: string) => text.split("\n").map((l) => [...l].length);

describe("wrapLongStrings", () => {
  const long = `<p>${"word ".repeat(40)}</p>\nnext line @{items('For_each')?['HostName']} ${"x".repeat(150)}`;

  it("wraps key: raw(…), key: …, and list items to 120 columns, spelling the same string", () => {
    for (const line of [`    message: raw(${JSON.stringify(long)}),`, `    message: ${JSON.stringify(long)},`, `    ${JSON.stringify(long)},`, `    raw(${JSON.stringify(long)}),`]) {
      const out = wrapLongStrings(line);
      expect(out.split("\n").length).toBeGreaterThan(2);
      expect(Math.max(...widths(out))).toBeLessThanOrEqual(120);
      expect(valueOf(out)).toBe(long);
    }
    expect(wrapLongStrings(`    message: raw(${JSON.stringify(long)}),`).split("\n")[0]).toBe("    message: raw(");
    expect(wrapLongStrings(`    message: raw(${JSON.stringify(long)}),`).split("\n").at(-1)).toBe("    ),");
  });

  it("breaks after spaces, \\n escapes or slashes, never inside an escape or a surrogate pair", () => {
    const tricky = `${"a\\\"b".repeat(40)}${"😀".repeat(60)}${"\\u00e9".repeat(40)}`;
    const out = wrapLongStrings(`  k: "${tricky}",`);
    expect(valueOf(out)).toBe(JSON.parse(`"${tricky}"`));
    for (const line of out.split("\n").slice(1)) expect(() => JSON.parse(line.trim().replace(/ \+$|,$/, ""))).not.toThrow();
    expect(out).not.toMatch(/[\uD800-\uDBFF]"/);
    const spaced = wrapLongStrings(`  k: ${JSON.stringify("word ".repeat(40))},`).split("\n");
    for (const line of spaced.slice(1, -1)) expect(line).toMatch(/ " \+$/);
  });

  it("leaves short lines, code and comments alone", () => {
    const code = [`  flow.step("x", outlook.sendEmail({ to: "a", subject: "${"s".repeat(150)}" }));`, `  to: "short",`, `// ${"c".repeat(150)}`].join("\n");
    expect(wrapLongStrings(code)).toBe(code);
  });
});

describe("commentLines", () => {
  it("wraps at spaces and breaks an over-long word after a hyphen", () => {
    const name = `${"remediation-scripts-".repeat(8)}azuredeploy.json`;
    const lines = commentLines(`Imported by playbook-kit import. Imported from ${name} (/resources/0/properties).`);
    expect(lines.every((l) => l.startsWith("// ") && l.length <= 120)).toBe(true);
    expect(lines.map((l) => l.slice(3)).join(" ").replace(/- /g, "-")).toBe(`Imported by playbook-kit import. Imported from ${name} (/resources/0/properties).`);
    expect(commentLines("short")).toEqual(["// short"]);
  });
});
