/**
 * A line diff (longest common subsequence) for long values such as HTML mail bodies, and the split of such a
 * value into lines a reviewer can read: HTML at tag boundaries, other text at sentence ends and line breaks.
 */

/** One line of a diff: kept (" "), removed ("-") or added ("+"). */
export interface DiffLine {
  op: " " | "-" | "+";
  text: string;
}

/** Lines of a long value: HTML split after each closing block tag or line break, other text at sentence ends. */
export function splitForDiff(text: string): string[] {
  const lines = text.split(/\r?\n/);
  const out: string[] = [];
  for (const line of lines) {
    if (/<[a-z/][^>]*>/i.test(line)) out.push(...line.split(/(?<=<\/(?:p|div|tr|li|ul|ol|table|h[1-6])>|<(?:br|hr)\s*\/?>)/i).filter((s) => s !== ""));
    else out.push(...line.split(/(?<=[.!?;])\s+(?=\S)/));
  }
  return out;
}

/** The line diff of two texts. Lines are compared exactly. */
export function diffLines(before: string[], after: string[]): DiffLine[] {
  const n = before.length;
  const m = after.length;
  // lcs[i][j] = length of the LCS of before[i..] and after[j..].
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) lcs[i]![j] = before[i] === after[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (before[i] === after[j]) {
      out.push({ op: " ", text: before[i]! });
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) out.push({ op: "-", text: before[i++]! });
    else out.push({ op: "+", text: after[j++]! });
  }
  while (i < n) out.push({ op: "-", text: before[i++]! });
  while (j < m) out.push({ op: "+", text: after[j++]! });
  return out;
}
