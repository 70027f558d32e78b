/** One benchmark figure, printed as a JSON line by `npm run bench`. */
export interface Metric {
  metric: string;
  value: number;
  unit: string;
}

/** Milliseconds taken by `fn` (best of `repeat` runs, after one warm-up). */
export async function timeMs(fn: () => unknown | Promise<unknown>, repeat = 3): Promise<number> {
  await fn();
  let best = Infinity;
  for (let i = 0; i < repeat; i++) {
    const start = process.hrtime.bigint();
    await fn();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
  }
  return best;
}

/** Round to a few significant decimals so the JSON lines stay readable. */
export function round(value: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
