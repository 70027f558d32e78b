/**
 * Control characters in human-readable output. Names, messages and values come from definitions, config files
 * and servers; printed raw, an ESC can clear a terminal or recolour it, a CR can overwrite the line before it,
 * and a line break inside one field can start a line such as `::error::…` that a CI runner (GitHub Actions
 * workflow commands) reads as its own. Every text formatter escapes what it prints with these functions;
 * JSON and SARIF output is left exact (JSON.stringify escapes C0 itself).
 */

// C0 controls (TAB, LF and CR included), DEL, C1 controls (U+009B is an 8-bit CSI to many terminals), the Unicode
// line and paragraph separators (line breaks to JavaScript and some viewers), and the bidirectional embedding,
// override and isolate controls (they reorder what a reader sees: "trojan source").
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const CONTROL_BUT_LF = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

function escapeOne(c: string): string {
  return NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
}

/**
 * One line of human-readable output with every control character written as an escape (`\n`, `\r`, `\t`,
 * `\u001b`, …), so the text stays on its line and cannot drive the terminal. Use it on every field that may
 * come from input.
 */
export function escapeControl(text: string): string {
  return text.replace(CONTROL, escapeOne);
}

/**
 * A block of lines: line breaks kept, every other control character escaped. For text that is multi-line by
 * design (a message listing problems); fields inside it should still go through `escapeControl` first.
 */
export function escapeControlLines(text: string): string {
  return text.replace(CONTROL_BUT_LF, escapeOne);
}

/** Output lines, each escaped with `escapeControl`, joined by line breaks, with a final one. */
export function textLines(lines: readonly string[]): string {
  return `${lines.map(escapeControl).join("\n")}\n`;
}
