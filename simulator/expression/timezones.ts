/**
 * Windows time-zone names (what the service accepts: 'Pacific Standard Time', 'W. Europe Standard Time',
 * 'UTC') mapped to IANA zones with windows-iana, and DST-correct offsets from luxon. Both libraries are
 * loaded on first use only.
 */
import { EvaluationError } from "./errors";
import { fields, type Timestamp } from "./dotnet-datetime";

type WindowsIana = typeof import("windows-iana");
type Luxon = typeof import("luxon");

let zoneIndex: Map<string, string> | undefined;
let luxon: Luxon | undefined;

function normalize(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9+-]/g, "");
}

/** Windows zone name → IANA zone (the "001" territory entry, as the CLDR mapping defines the default). */
function index(): Map<string, string> {
  if (zoneIndex) return zoneIndex;
  const { WINDOWS_TO_IANA_MAP } = require("windows-iana") as WindowsIana;
  zoneIndex = new Map();
  for (const entry of WINDOWS_TO_IANA_MAP as ReadonlyArray<{ windowsName: string; territory: string; iana: readonly string[] }>) {
    const key = normalize(entry.windowsName);
    if (entry.territory === "001" || !zoneIndex.has(key)) zoneIndex.set(key, entry.iana[0]!);
  }
  return zoneIndex;
}

/** The IANA zone for a Windows time-zone name; punctuation and case are ignored ("you might have to remove any punctuation"). */
export function ianaZone(fn: string, windowsName: string): string {
  const iana = index().get(normalize(windowsName));
  if (!iana) {
    const hint = windowsName.includes("/") ? " Use a Windows time zone name such as 'W. Europe Standard Time' or 'Pacific Standard Time', not an IANA name." : "";
    throw new EvaluationError("InvalidArgument", `The template language function '${fn}' was given the time zone '${windowsName}', which is not a valid Windows time zone name.${hint}`);
  }
  return iana;
}

function lib(): Luxon {
  luxon ??= require("luxon") as Luxon;
  return luxon;
}

/** UTC offset in minutes of an IANA zone at an instant. */
function offsetAt(zone: string, instantMs: number): number {
  return lib().DateTime.fromMillis(instantMs, { zone }).offset;
}

/** A UTC instant as wall-clock time in a zone (kind Unspecified, as convertFromUtc returns it). */
export function fromUtc(ts: Timestamp, zone: string): Timestamp {
  if (zone === "Etc/UTC") return { ...ts, kind: "Unspecified" };
  return { ms: ts.ms + offsetAt(zone, ts.ms) * 60000, sub: ts.sub, kind: "Unspecified" };
}

/**
 * Wall-clock time in a zone → UTC. An ambiguous time (the hour repeated when DST ends) is read as standard
 * time, as .NET's TimeZoneInfo does; a time skipped when DST starts is invalid.
 */
export function toUtc(fn: string, ts: Timestamp, zone: string): Timestamp {
  if (ts.kind === "Utc" || zone === "Etc/UTC") return { ...ts, kind: "Utc" };
  const wall = ts.ms;
  const candidates = new Set([offsetAt(zone, wall - 86400000), offsetAt(zone, wall), offsetAt(zone, wall + 86400000)]);
  const valid = [...candidates].filter((o) => offsetAt(zone, wall - o * 60000) === o);
  if (valid.length === 0) {
    const f = fields(ts);
    throw new EvaluationError(
      "InvalidArgument",
      `The template language function '${fn}' was given the time ${f.year}-${String(f.month).padStart(2, "0")}-${String(f.day).padStart(2, "0")} ${String(f.hour).padStart(2, "0")}:${String(f.minute).padStart(2, "0")}, which does not exist in the source time zone (it falls in a daylight saving time gap).`,
    );
  }
  const offset = Math.min(...valid); // standard time has the smaller offset
  return { ms: wall - offset * 60000, sub: ts.sub, kind: "Utc" };
}
