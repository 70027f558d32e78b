/**
 * Text widths without a browser: an estimate from per-character advance widths of DejaVu Sans / Verdana, the
 * widest of the page's font stack (Segoe UI, Helvetica and Arial are narrower), so text fitted with it never
 * overflows its card whichever of those fonts the reader has. A browser test measures the real widths.
 */

/** Advance widths in em, by character class. */
function advance(ch: string): number {
  if (/[il.,:;'|!j]/.test(ch)) return 0.3;
  if (/[ftrI()[\]{}\-/ ]/.test(ch)) return 0.42;
  if (/[mwMW@%]/.test(ch)) return 0.98;
  if (/[A-Z]/.test(ch)) return 0.76;
  if (/[0-9]/.test(ch)) return 0.64;
  if (/[a-z]/.test(ch)) return 0.62;
  if (ch === "—" || ch === "…") return 1;
  return 0.7;
}

/** Estimated width in pixels of `text` at `fontSize` (bold text is about 10% wider). */
export function textWidth(text: string, fontSize: number, bold = false): number {
  let em = 0;
  for (const ch of text) em += advance(ch);
  return em * fontSize * (bold ? 1.1 : 1);
}

/** `text` shortened with "…" so that it fits `width` pixels. */
export function fitText(text: string, width: number, fontSize: number, bold = false): string {
  if (textWidth(text, fontSize, bold) <= width) return text;
  const chars = [...text];
  while (chars.length > 1 && textWidth(`${chars.join("")}…`, fontSize, bold) > width) chars.pop();
  return `${chars.join("").trimEnd()}…`;
}

/** Words wrapped into at most `maxLines` lines of `width` pixels (the last one shortened with "…"). */
export function wrapText(text: string, width: number, fontSize: number, maxLines: number, bold = false): string[] {
  const lines: string[] = [];
  let current = "";
  const words = text.split(/\s+/).filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const candidate = current ? `${current} ${word}` : word;
    if (textWidth(candidate, fontSize, bold) <= width || !current) {
      current = candidate;
      continue;
    }
    lines.push(current);
    current = word;
    if (lines.length === maxLines - 1) {
      current = words.slice(i).join(" ");
      break;
    }
  }
  if (current) lines.push(current);
  return lines.map((l, i) => (i === lines.length - 1 || textWidth(l, fontSize, bold) > width ? fitText(l, width, fontSize, bold) : l));
}
