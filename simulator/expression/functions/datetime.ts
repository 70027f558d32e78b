/** Date and time functions. Timestamps are strings in and out; the clock comes from the context. */
import type { EvalContext } from "../context";
import {
  checkRange,
  daysInMonth,
  fields,
  formatTimestamp,
  makeTimestamp,
  parseExact,
  parseTimestamp,
  toTicks,
  type Timestamp,
} from "../dotnet-datetime";
import { invalidArgument } from "../errors";
import { fromUtc, ianaZone, toUtc } from "../timezones";
import { normalizeInt, toNumber } from "../values";
import { int, num, optStr, str, type FunctionTable, type Site } from "./types";

const UNIT_MS: Record<string, number> = { second: 1000, minute: 60000, hour: 3600000, day: 86400000, week: 604800000 };

function now(ctx: EvalContext): Timestamp {
  return { ms: ctx.now().getTime(), sub: ctx.nowTicks?.() ?? 0, kind: "Utc" };
}

/** Add months with .NET's AddMonths clamping (Jan 31 + 1 month = Feb 28/29). */
function addMonths(ts: Timestamp, months: number): Timestamp {
  const f = fields(ts);
  const total = f.year * 12 + (f.month - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  if (year < 1 || year > 9999) return checkRange({ ...ts, ms: Number.NaN });
  const day = Math.min(f.day, daysInMonth(year, month));
  return makeTimestamp(year, month, day, f.hour, f.minute, f.second, f.ms * 10000 + ts.sub, ts.kind)!;
}

/** Add an interval in a unit ('Second' … 'Year', singular or plural, any case). */
function addInterval(site: Site, ts: Timestamp, amount: number, unit: string): Timestamp {
  const u = unit.toLowerCase().replace(/s$/, "");
  if (u === "month") return addMonths(ts, amount);
  if (u === "year") return addMonths(ts, amount * 12);
  const scale = UNIT_MS[u];
  if (scale === undefined) {
    throw invalidArgument(site.name, `expects the time unit to be one of 'Second', 'Minute', 'Hour', 'Day', 'Week', 'Month' or 'Year'. The provided value is '${unit}'.`);
  }
  return checkRange({ ...ts, ms: ts.ms + Math.round(amount * scale) });
}

function amount(site: Site, args: unknown[], index: number): number {
  return toNumber(num(site, args, index));
}

function ts(site: Site, args: unknown[], index: number): Timestamp {
  return parseTimestamp(site.name, str(site, args, index));
}

function out(site: Site, value: Timestamp, args: unknown[], formatIndex: number): string {
  return formatTimestamp(site.name, value, optStr(site, args, formatIndex));
}

/** The "c" TimeSpan format: [-][d.]hh:mm:ss[.fffffff]. */
function formatTimeSpan(ticks: bigint): string {
  const negative = ticks < 0n;
  let t = negative ? -ticks : ticks;
  const frac = t % 10000000n;
  t /= 10000000n;
  const seconds = t % 60n;
  t /= 60n;
  const minutes = t % 60n;
  t /= 60n;
  const hours = t % 24n;
  const days = t / 24n;
  const two = (n: bigint) => n.toString().padStart(2, "0");
  return `${negative ? "-" : ""}${days > 0n ? `${days}.` : ""}${two(hours)}:${two(minutes)}:${two(seconds)}${frac > 0n ? `.${frac.toString().padStart(7, "0")}` : ""}`;
}

function startOf(value: Timestamp, unit: "day" | "hour" | "month"): Timestamp {
  const f = fields(value);
  if (unit === "month") return makeTimestamp(f.year, f.month, 1, 0, 0, 0, 0, value.kind)!;
  if (unit === "day") return makeTimestamp(f.year, f.month, f.day, 0, 0, 0, 0, value.kind)!;
  return makeTimestamp(f.year, f.month, f.day, f.hour, 0, 0, 0, value.kind)!;
}

export const datetimeFunctions: FunctionTable = {
  utcNow: { eager: (a, ctx, s) => out(s, now(ctx), a, 0) },
  addDays: { eager: (a, _c, s) => out(s, addInterval(s, ts(s, a, 0), amount(s, a, 1), "day"), a, 2) },
  addHours: { eager: (a, _c, s) => out(s, addInterval(s, ts(s, a, 0), amount(s, a, 1), "hour"), a, 2) },
  addMinutes: { eager: (a, _c, s) => out(s, addInterval(s, ts(s, a, 0), amount(s, a, 1), "minute"), a, 2) },
  addSeconds: { eager: (a, _c, s) => out(s, addInterval(s, ts(s, a, 0), amount(s, a, 1), "second"), a, 2) },
  addToTime: { eager: (a, _c, s) => out(s, addInterval(s, ts(s, a, 0), int(s, a, 1), str(s, a, 2)), a, 3) },
  subtractFromTime: { eager: (a, _c, s) => out(s, addInterval(s, ts(s, a, 0), -int(s, a, 1), str(s, a, 2)), a, 3) },
  getFutureTime: { eager: (a, ctx, s) => out(s, addInterval(s, now(ctx), int(s, a, 0), str(s, a, 1)), a, 2) },
  getPastTime: { eager: (a, ctx, s) => out(s, addInterval(s, now(ctx), -int(s, a, 0), str(s, a, 1)), a, 2) },
  startOfDay: { eager: (a, _c, s) => out(s, startOf(ts(s, a, 0), "day"), a, 1) },
  startOfHour: { eager: (a, _c, s) => out(s, startOf(ts(s, a, 0), "hour"), a, 1) },
  startOfMonth: { eager: (a, _c, s) => out(s, startOf(ts(s, a, 0), "month"), a, 1) },
  dayOfMonth: { eager: (a, _c, s) => fields(ts(s, a, 0)).day },
  dayOfWeek: { eager: (a, _c, s) => fields(ts(s, a, 0)).dayOfWeek },
  dayOfYear: {
    eager: (a, _c, s) => {
      const value = ts(s, a, 0);
      const startOfYear = makeTimestamp(fields(value).year, 1, 1, 0, 0, 0, 0, value.kind)!;
      return Math.floor((value.ms - startOfYear.ms) / 86400000) + 1;
    },
  },
  ticks: { eager: (a, _c, s) => normalizeInt(toTicks(ts(s, a, 0))) },
  dateDifference: {
    eager: (a, _c, s) => formatTimeSpan(toTicks(ts(s, a, 1)) - toTicks(ts(s, a, 0))),
  },
  formatDateTime: {
    eager: (a, _c, s) => formatTimestamp(s.name, ts(s, a, 0), optStr(s, a, 1), optStr(s, a, 2)),
  },
  parseDateTime: {
    eager: (a, _c, s) => {
      const text = str(s, a, 0);
      const locale = optStr(s, a, 1);
      const format = optStr(s, a, 2);
      const value = format ? parseExact(s.name, text, format, locale) : parseTimestamp(s.name, text, locale);
      return formatTimestamp(s.name, value, "o");
    },
  },
  convertFromUtc: {
    eager: (a, _c, s) => {
      const value = ts(s, a, 0);
      return out(s, fromUtc({ ...value, kind: "Utc" }, ianaZone(s.name, str(s, a, 1))), a, 2);
    },
  },
  convertToUtc: {
    eager: (a, _c, s) => out(s, toUtc(s.name, ts(s, a, 0), ianaZone(s.name, str(s, a, 1))), a, 2),
  },
  convertTimeZone: {
    eager: (a, _c, s) => {
      const source = ianaZone(s.name, str(s, a, 1));
      const target = ianaZone(s.name, str(s, a, 2));
      return out(s, fromUtc(toUtc(s.name, ts(s, a, 0), source), target), a, 3);
    },
  },
};
