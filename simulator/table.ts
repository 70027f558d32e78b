/** The Table action's CSV and HTML rendering. */

/** A cell's text: strings as they are, null → empty, objects and arrays as JSON. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

/** Column headers from the rows: every key, in order of first appearance. */
export function autoColumns(rows: unknown[]): string[] {
  const seen = new Set<string>();
  for (const row of rows) {
    if (row !== null && typeof row === "object" && !Array.isArray(row)) for (const key of Object.keys(row)) seen.add(key);
  }
  return [...seen];
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV: a header line, then one line per row; fields with commas, quotes or line breaks are quoted (RFC 4180, CRLF). */
export function renderCsv(headers: string[], rows: string[][]): string {
  const lines = [headers.map(csvField).join(","), ...rows.map((r) => r.map(csvField).join(","))];
  return lines.join("\r\n");
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** HTML: `<table><thead><tr><th>…</th></tr></thead><tbody><tr><td>…</td></tr></tbody></table>`, text escaped. */
export function renderHtml(headers: string[], rows: string[][]): string {
  const head = `<thead><tr>${headers.map((h) => `<th>${escapeHtml(h)}</th>`).join("")}</tr></thead>`;
  const body = `<tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join("")}</tr>`).join("")}</tbody>`;
  return `<table>${head}${body}</table>`;
}
