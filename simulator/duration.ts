/** ISO 8601 durations (`PT30S`, `P1DT2H`) and the Wait action's `{count, unit}` intervals, in milliseconds. */

const ISO = /^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i;

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Milliseconds of an ISO 8601 duration; years count 365 days and months 30 (simulated time only). Undefined when malformed. */
export function parseDuration(text: unknown): number | undefined {
  if (typeof text !== "string") return undefined;
  const m = ISO.exec(text.trim());
  if (!m || text.trim() === "P" || /T$/i.test(text.trim())) return undefined;
  const n = (i: number) => (m[i] ? Number(m[i]) : 0);
  const ms = n(1) * 365 * DAY + n(2) * 30 * DAY + n(3) * 7 * DAY + n(4) * DAY + n(5) * HOUR + n(6) * MINUTE + n(7) * SECOND;
  return Number.isFinite(ms) ? ms : undefined;
}

/** The Wait action's units: exactly the ones `validate` accepts (the service documents Second…Month; no Year). */
const UNITS = new Map<string, number>([
  ["second", SECOND],
  ["minute", MINUTE],
  ["hour", HOUR],
  ["day", DAY],
  ["week", 7 * DAY],
  ["month", 30 * DAY],
]);

/** Milliseconds of `count` `unit`s (Second…Month, case-insensitive); undefined for an unknown unit. */
export function unitDuration(count: number, unit: unknown): number | undefined {
  if (typeof unit !== "string") return undefined;
  const per = UNITS.get(unit.toLowerCase());
  return per === undefined ? undefined : count * per;
}

/** A short human duration for text output: `0s`, `1.5s`, `2m 30s`, `1h 5m`. */
export function formatDuration(ms: number): string {
  if (ms < MINUTE) return `${Math.round(ms / 100) / 10}s`;
  if (ms < HOUR) {
    const m = Math.floor(ms / MINUTE);
    const s = Math.round((ms - m * MINUTE) / SECOND);
    return s ? `${m}m ${s}s` : `${m}m`;
  }
  const h = Math.floor(ms / HOUR);
  const m = Math.round((ms - h * HOUR) / MINUTE);
  return m ? `${h}h ${m}m` : `${h}h`;
}
