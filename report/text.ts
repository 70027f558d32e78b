/** Plain-text layout for reports and CLI tables: aligned columns, and lines wrapped to a width. */
import { escapeControl } from "../errors";

/** The report's line width. */
export const REPORT_WIDTH = 120;

/**
 * Wrap one line to `width` columns: breaks at spaces, continuation lines indented two more than the line, words
 * longer than the room left split where they must (URIs, ids).
 */
export function wrapLine(line: string, width = REPORT_WIDTH): string[] {
  if (line.length <= width) return [line];
  const indent = " ".repeat(Math.min(/^ */.exec(line)![0].length + 2, Math.floor(width / 2)));
  const out: string[] = [];
  let rest = line;
  let prefix = "";
  while (prefix.length + rest.length > width) {
    const room = width - prefix.length;
    const cut = rest.lastIndexOf(" ", room);
    const at = cut > rest.search(/\S/) ? cut : room;
    out.push((prefix + rest.slice(0, at)).trimEnd());
    rest = rest.slice(at).replace(/^ +/, "");
    prefix = indent;
  }
  if (rest) out.push(prefix + rest);
  return out;
}

/**
 * Render rows as aligned columns; the first row is the header. With `maxWidth`, the last column wraps under
 * itself so no line is longer (other cells are never cut).
 */
export function formatTable(cells: string[][], maxWidth?: number): string {
  const rows = cells.map((row) => row.map(escapeControl));
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  const lines: string[] = [];
  for (const row of rows) {
    const head = row.slice(0, -1).map((cell, i) => cell.padEnd(widths[i]!)).join("  ");
    const last = row[row.length - 1] ?? "";
    const start = row.length > 1 ? head.length + 2 : 0;
    if (maxWidth === undefined || start + last.length <= maxWidth || maxWidth - start < 20) {
      const line = row.length > 1 ? `${head}  ${last}`.trimEnd() : last;
      lines.push(...(maxWidth === undefined ? [line] : wrapLine(line, maxWidth)));
      continue;
    }
    const parts = wrapLine(last, maxWidth - start).map((p) => p.trimStart());
    lines.push(`${head}  ${parts[0]}`.trimEnd(), ...parts.slice(1).map((p) => `${" ".repeat(start)}${p}`));
  }
  return `${lines.join("\n")}\n`;
}
