/**
 * Generated code as a small tree: a `Code` is either an atom (text that stays on one line) or a bracketed list
 * of items. `format` lays a tree out like a person would: on one line when it fits the width, else one item
 * per line, indented by two spaces. Same tree, same text.
 */

/** A piece of generated TypeScript. */
export type Code = string | CodeList | CodeCall | CodeAlt;

/** One line when it fits (`short`), else `long` laid out (a long `text\`…\`` written `text(…parts)`). */
export interface CodeAlt {
  kind: "alt";
  short: string;
  long: Code;
}

/** Code written `short` where it fits on the line, else `long`. */
export function alt(short: string, long: Code): CodeAlt {
  return { kind: "alt", short, long };
}

/** `{ a, b }` or `[a, b]`: items separated by commas. */
export interface CodeList {
  kind: "list";
  open: string;
  close: string;
  items: Code[];
}

/** `head(args…)tail`: a call whose arguments are laid out like a list. */
export interface CodeCall {
  kind: "call";
  head: string;
  args: Code[];
  tail?: string;
}

/** An object literal from `key: value` entries (keys already printed). */
export function obj(entries: readonly [string, Code][]): CodeList {
  return { kind: "list", open: "{", close: "}", items: entries.map(([k, v]) => prefix(`${k}: `, v)) };
}

/** An array literal. */
export function arr(items: readonly Code[]): CodeList {
  return { kind: "list", open: "[", close: "]", items: [...items] };
}

/** A call `head(args…)`. */
export function call(head: string, args: readonly Code[], tail?: string): CodeCall {
  return tail === undefined ? { kind: "call", head, args: [...args] } : { kind: "call", head, args: [...args], tail };
}

/** `text` put before a piece of code (a key, `return `, `const x = `). */
export function prefix(text: string, code: Code): Code {
  if (typeof code === "string") return text + code;
  if (code.kind === "alt") return alt(text + code.short, prefix(text, code.long));
  if (code.kind === "list") return { ...code, open: text + code.open };
  return { ...code, head: text + code.head };
}

/** `text` put after a piece of code (` as never`, `;`). */
export function suffix(code: Code, text: string): Code {
  if (typeof code === "string") return code + text;
  if (code.kind === "alt") return alt(code.short + text, suffix(code.long, text));
  if (code.kind === "list") return { ...code, close: code.close + text };
  return { ...code, tail: (code.tail ?? "") + text };
}

/** The code on one line. */
function flat(code: Code): string {
  if (typeof code === "string") return code;
  if (code.kind === "alt") return code.short;
  if (code.kind === "list") {
    if (code.items.length === 0) return code.open + code.close;
    const inner = code.items.map(flat).join(", ");
    return code.open === "{" || code.open.endsWith(" {") || code.open.endsWith("{") ? `${code.open} ${inner} ${code.close}` : `${code.open}${inner}${code.close}`;
  }
  return `${code.head}(${code.args.map(flat).join(", ")})${code.tail ?? ""}`;
}

/** True when the tree holds a multi-line body (a function body never goes on one line). */
function forcedBreak(code: Code): boolean {
  if (typeof code === "string") return code.includes("\n");
  if (code.kind === "alt") return false;
  if (code.kind === "list") return code.open.endsWith("=> {") || code.items.some(forcedBreak);
  return code.args.some(forcedBreak);
}

/** Lay out code at an indent; the result has no trailing newline. */
export function format(code: Code, indent = 0, width = 110, column = indent): string {
  if (typeof code === "string") return code;
  const one = flat(code);
  if (!forcedBreak(code) && column + one.length <= width) return one;
  if (code.kind === "alt") return format(code.long, indent, width, column);
  const pad = " ".repeat(indent + 2);
  const end = " ".repeat(indent);
  if (code.kind === "list") {
    if (code.items.length === 0) return code.open + code.close;
    const body = code.open.endsWith("=> {") ? code.items.map((i) => `${pad}${format(i, indent + 2, width)}`).join("\n") : code.items.map((i) => `${pad}${format(i, indent + 2, width)},`).join("\n");
    return `${code.open}\n${body}\n${end}${code.close}`;
  }
  // A call: keep leading atoms and the last argument hugging when only the last one breaks.
  const args = code.args;
  const last = args[args.length - 1];
  const headArgs = args.slice(0, -1).map(flat);
  if (last !== undefined && typeof last !== "string" && headArgs.every((a) => !a.includes("\n"))) {
    const start = `${code.head}(${headArgs.map((a) => `${a}, `).join("")}`;
    if (column + start.length <= width && !args.slice(0, -1).some(forcedBreak)) {
      const hugged = format(last, indent, width, column + start.length);
      // Hug only when the last argument's first line fits after the leading ones.
      const first = hugged.split("\n", 1)[0]!;
      if (column + start.length + first.length <= width) return `${start}${hugged})${code.tail ?? ""}`;
    }
  }
  return `${code.head}(\n${args.map((a) => `${pad}${format(a, indent + 2, width)},`).join("\n")}\n${end})${code.tail ?? ""}`;
}

/** A function body `(params) => { statements }`. Statements are code ending in `;`. */
export function arrow(params: string, statements: readonly Code[]): CodeList {
  return { kind: "list", open: `${params} => {`, close: "}", items: [...statements] };
}
