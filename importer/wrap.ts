/**
 * Long string literals of generated code, wrapped: a line that is only a string value (`key: "…",`, `"…",`,
 * `key: raw("…"),`, `raw("…"),`) and is longer than the width becomes a concatenation of chunks, one a line,
 * broken after `\n` escapes, spaces or slashes where it can be. The value is the same string, so the built
 * definition is the same; code, comments and other lines are left as they are.
 */

const STRING_LINE = /^(\s*)((?:[A-Za-z_$][\w$]*|"(?:[^"\\]|\\.)*"): )?(raw\()?"((?:[^"\\]|\\.)*)"(\))?(,?)$/;

/** The escaped text of a JSON string literal as tokens: one character, or one escape sequence. */
function tokens(inner: string): string[] {
  return inner.match(/\\u[0-9a-fA-F]{4}|\\.|[\s\S]/gu) ?? [];
}

/** The string's escaped text in chunks of at most `max` characters, each ending after `\n`, a space or a `/` where one is near. */
function chunks(inner: string, max: number): string[] {
  const out: string[] = [];
  let chunk: string[] = [];
  let length = 0;
  // Where the current chunk could end nicely: the token count after the last `\n` or space, and its length.
  let soft = 0;
  let softLength = 0;
  for (const token of tokens(inner)) {
    const size = [...token].length;
    if (length + size > max && chunk.length) {
      const cut = soft && softLength > max / 2 ? soft : chunk.length;
      out.push(chunk.slice(0, cut).join(""));
      chunk = chunk.slice(cut);
      length = chunk.reduce((n, t) => n + [...t].length, 0);
      soft = 0;
    }
    chunk.push(token);
    length += size;
    if (token === "\\n" || token === " " || token === "/") {
      soft = chunk.length;
      softLength = length;
    }
  }
  out.push(chunk.join(""));
  return out;
}

/** One line wrapped, or undefined when it is no string-value line (or needs no wrapping). */
function wrapLine(line: string, width: number): string[] | undefined {
  if ([...line].length <= width) return undefined;
  const m = STRING_LINE.exec(line);
  if (!m) return undefined;
  const [, indent = "", key = "", rawOpen, inner = "", rawClose, comma = ""] = m;
  if (Boolean(rawOpen) !== Boolean(rawClose)) return undefined;
  const head = rawOpen ? `${indent}${key}raw(` : key ? `${indent}${key.trimEnd()}` : undefined;
  const pad = head === undefined ? indent : `${indent}  `;
  const parts = chunks(inner, Math.max(20, width - pad.length - 4));
  // One chunk still helps when the key or `raw(` moves to a line of its own.
  if (parts.length < 2 && head === undefined) return undefined;
  const body = parts.map((p, i) => `${pad}"${p}"${i < parts.length - 1 ? " +" : rawOpen ? "," : comma}`);
  return [...(head === undefined ? [] : [head]), ...body, ...(rawOpen ? [`${indent})${comma}`] : [])];
}

/** The text with every over-long string-value line wrapped to `width` (code points). */
export function wrapLongStrings(text: string, width = 120): string {
  return text
    .split("\n")
    .flatMap((line) => wrapLine(line, width) ?? [line])
    .join("\n");
}

/** `text` as `// ` comment lines of at most `width` characters: broken at spaces, an over-long word after a `-`. */
export function commentLines(text: string, width = 120): string[] {
  const room = width - 3;
  const words = text.split(" ").flatMap((word) => {
    const parts: string[] = [];
    let rest = word;
    while (rest.length > room) {
      const cut = rest.lastIndexOf("-", room - 1);
      const at = cut > 0 ? cut + 1 : room;
      parts.push(rest.slice(0, at));
      rest = rest.slice(at);
    }
    return [...parts, rest];
  });
  const lines: string[] = [];
  let line = "";
  for (const word of words) {
    if (line && line.length + 1 + word.length > room) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(line);
  return lines.map((l) => `// ${l}`);
}
