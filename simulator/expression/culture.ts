/**
 * Culture data for formatDateTime/formatNumber/parseDateTime/float: en-US is built in (the service's
 * default, with .NET's patterns); other locales are derived from Intl (ICU), which is what .NET uses on
 * Linux too, so names, separators and pattern order agree for common locales. Cached per locale.
 */
import { EvaluationError } from "./errors";

/** Date/time names and patterns of one culture. Patterns use .NET custom format syntax. */
export interface DateCulture {
  locale: string;
  monthNames: string[];
  monthGenitive: string[];
  monthAbbr: string[];
  dayNames: string[];
  dayAbbr: string[];
  am: string;
  pm: string;
  dateSeparator: string;
  patterns: { d: string; D: string; t: string; T: string; M: string; Y: string };
  /** Order of day, month and year in the short date pattern, for parsing. */
  order: "MDY" | "DMY" | "YMD";
}

/** Number symbols of one culture, and currency/percent templates (`{n}` is the number). */
export interface NumberCulture {
  locale: string;
  decimal: string;
  group: string;
  minus: string;
  currencyPositive: string;
  currencyNegative: string;
  currencyDigits: number;
  percentPositive: string;
  percentNegative: string;
}

const EN_US_DATES: DateCulture = {
  locale: "en-US",
  monthNames: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
  monthGenitive: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
  monthAbbr: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
  dayNames: ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
  dayAbbr: ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"],
  am: "AM",
  pm: "PM",
  dateSeparator: "/",
  patterns: { d: "M/d/yyyy", D: "dddd, MMMM d, yyyy", t: "h:mm tt", T: "h:mm:ss tt", M: "MMMM d", Y: "MMMM yyyy" },
  order: "MDY",
};

/** The invariant culture (round-trip and RFC formats use it whatever the locale). */
export const INVARIANT_DATES: DateCulture = { ...EN_US_DATES, locale: "invariant", patterns: { d: "MM/dd/yyyy", D: "dddd, dd MMMM yyyy", t: "HH:mm", T: "HH:mm:ss", M: "MMMM dd", Y: "yyyy MMMM" } };

const dateCache = new Map<string, DateCulture>([["en-US", EN_US_DATES]]);
const numberCache = new Map<string, NumberCulture>();

/**
 * Validate and canonicalise a locale argument (default en-US). Unknown or malformed locales fail, as the
 * reference says ("If locale isn't a valid value, an error is generated").
 */
export function resolveLocale(fn: string, locale: string | undefined): string {
  if (locale === undefined || locale === "") return "en-US";
  let canonical: string;
  try {
    canonical = Intl.getCanonicalLocales(locale)[0]!;
  } catch {
    canonical = "";
  }
  if (!canonical || Intl.DateTimeFormat.supportedLocalesOf([canonical]).length === 0 || !/^[a-z]{2,3}\b/i.test(canonical)) {
    throw new EvaluationError("InvalidArgument", `The template language function '${fn}' was given the locale '${locale}', which isn't valid or doesn't have an associated culture.`);
  }
  return canonical;
}

const SAMPLE = Date.UTC(2009, 5, 5, 8, 4, 3); // Friday 5 June 2009 08:04:03: single-digit day, month and hour

function parts(locale: string, options: Intl.DateTimeFormatOptions, time = SAMPLE): Intl.DateTimeFormatPart[] {
  return new Intl.DateTimeFormat(locale, { ...options, timeZone: "UTC" }).formatToParts(time);
}

function quote(literal: string): string {
  return literal === "" ? "" : `'${literal.replace(/'/g, "'\\''")}'`;
}

/** Turn an Intl rendering of the sample date into a .NET custom pattern. */
function patternFromParts(list: Intl.DateTimeFormatPart[], culture: Pick<DateCulture, "monthNames" | "monthGenitive" | "dayNames">): string {
  let out = "";
  for (const p of list) {
    switch (p.type) {
      case "year":
        out += p.value.length <= 2 ? "yy" : "yyyy";
        break;
      case "month":
        if (/^\d+$/.test(p.value)) out += p.value.length === 2 ? "MM" : "M";
        else out += culture.monthNames.includes(p.value) || culture.monthGenitive.includes(p.value) ? "MMMM" : "MMM";
        break;
      case "day":
        out += p.value.length === 2 ? "dd" : "d";
        break;
      case "weekday":
        out += culture.dayNames.includes(p.value) ? "dddd" : "ddd";
        break;
      case "hour":
        out += p.value.length === 2 ? "HH" : "H";
        break;
      case "minute":
        out += "mm";
        break;
      case "second":
        out += "ss";
        break;
      case "dayPeriod":
        out += "tt";
        break;
      case "literal":
        out += quote(p.value);
        break;
      default:
        break;
    }
  }
  return out;
}

/** Date culture for a canonical locale. */
export function dateCulture(locale: string): DateCulture {
  const cached = dateCache.get(locale);
  if (cached) return cached;
  const monthNames: string[] = [];
  const monthGenitive: string[] = [];
  const monthAbbr: string[] = [];
  for (let m = 0; m < 12; m++) {
    const t = Date.UTC(2009, m, 15);
    monthNames.push(parts(locale, { month: "long" }, t).find((p) => p.type === "month")!.value);
    monthGenitive.push(parts(locale, { month: "long", day: "numeric" }, t).find((p) => p.type === "month")!.value);
    monthAbbr.push(parts(locale, { month: "short", day: "numeric" }, t).find((p) => p.type === "month")!.value);
  }
  const dayNames: string[] = [];
  const dayAbbr: string[] = [];
  for (let d = 0; d < 7; d++) {
    const t = Date.UTC(2009, 5, 7 + d); // 7 June 2009 was a Sunday
    dayNames.push(parts(locale, { weekday: "long" }, t)[0]!.value);
    dayAbbr.push(parts(locale, { weekday: "short" }, t)[0]!.value);
  }
  const period = (hour: number) =>
    parts(locale, { hour: "numeric", hour12: true }, Date.UTC(2009, 5, 5, hour)).find((p) => p.type === "dayPeriod")?.value ?? (hour < 12 ? "AM" : "PM");
  const names = { monthNames, monthGenitive, dayNames };
  const hour12 = new Intl.DateTimeFormat(locale, { hour: "numeric" }).resolvedOptions().hourCycle;
  const timeOptions: Intl.DateTimeFormatOptions = { hour: "numeric", minute: "2-digit" };
  let t = patternFromParts(parts(locale, timeOptions), names);
  let T = patternFromParts(parts(locale, { ...timeOptions, second: "2-digit" }), names);
  if (hour12 === "h12" || hour12 === "h11") {
    t = t.replace(/HH?/, (h) => h.toLowerCase());
    T = T.replace(/HH?/, (h) => h.toLowerCase());
  }
  const shortParts = parts(locale, { year: "numeric", month: "2-digit", day: "2-digit" });
  const order = shortParts
    .filter((p) => p.type === "year" || p.type === "month" || p.type === "day")
    .map((p) => p.type[0]!.toUpperCase())
    .join("");
  const separator = shortParts.find((p) => p.type === "literal")?.value.trim() || "/";
  const culture: DateCulture = {
    locale,
    monthNames,
    monthGenitive,
    monthAbbr,
    dayNames,
    dayAbbr,
    am: period(8),
    pm: period(20),
    dateSeparator: separator,
    patterns: {
      d: patternFromParts(shortParts, names),
      D: patternFromParts(parts(locale, { weekday: "long", year: "numeric", month: "long", day: "numeric" }), names),
      t,
      T,
      M: patternFromParts(parts(locale, { month: "long", day: "numeric" }), names),
      Y: patternFromParts(parts(locale, { month: "long", year: "numeric" }), names),
    },
    order: order === "DMY" || order === "YMD" ? order : "MDY",
  };
  dateCache.set(locale, culture);
  return culture;
}

/** ISO 4217 currency by region, for the 'C' format (Intl has no locale → currency mapping). */
const CURRENCY_BY_REGION: Record<string, string> = {
  US: "USD", GB: "GBP", IS: "ISK", CA: "CAD", AU: "AUD", NZ: "NZD", IE: "EUR", DE: "EUR", FR: "EUR", ES: "EUR", IT: "EUR",
  NL: "EUR", BE: "EUR", AT: "EUR", PT: "EUR", FI: "EUR", GR: "EUR", LU: "EUR", SK: "EUR", SI: "EUR", EE: "EUR", LV: "EUR",
  LT: "EUR", MT: "EUR", CY: "EUR", HR: "EUR", CH: "CHF", LI: "CHF", SE: "SEK", NO: "NOK", DK: "DKK", PL: "PLN", CZ: "CZK",
  HU: "HUF", RO: "RON", BG: "BGN", RU: "RUB", UA: "UAH", TR: "TRY", IL: "ILS", SA: "SAR", AE: "AED", EG: "EGP", ZA: "ZAR",
  IN: "INR", CN: "CNY", HK: "HKD", TW: "TWD", JP: "JPY", KR: "KRW", SG: "SGD", MY: "MYR", TH: "THB", ID: "IDR", PH: "PHP",
  VN: "VND", BR: "BRL", MX: "MXN", AR: "ARS", CL: "CLP", CO: "COP", PE: "PEN",
};
const CURRENCY_BY_LANGUAGE: Record<string, string> = {
  en: "USD", fr: "EUR", de: "EUR", es: "EUR", it: "EUR", nl: "EUR", pt: "EUR", fi: "EUR", is: "ISK", sv: "SEK", nb: "NOK",
  da: "DKK", pl: "PLN", cs: "CZK", ja: "JPY", zh: "CNY", ko: "KRW", ru: "RUB",
};

/**
 * Currency patterns where the service (.NET on Windows) writes other text than ICU, by language-region. Each entry
 * follows a printed example of the functions reference: `formatNumber(17.35, 'C2', 'is-is')` is "17,35 kr" (ICU:
 * "17,35\u00a0kr."). The negative form puts the sign first, as .NET does for this pattern.
 */
const CURRENCY_PATTERNS: Record<string, { positive: string; negative: string }> = { "is-IS": { positive: "{n} kr", negative: "-{n} kr" } };

/** Split an Intl rendering of ±1234.5 into a template around the number. */
function template(list: Intl.NumberFormatPart[]): string {
  let out = "";
  let placed = false;
  for (const p of list) {
    if (p.type === "integer" || p.type === "group" || p.type === "decimal" || p.type === "fraction") {
      if (!placed) out += "{n}";
      placed = true;
    } else if (p.type === "minusSign") {
      out += "-";
    } else {
      out += p.value;
    }
  }
  return out;
}

/** Number culture for a canonical locale. */
export function numberCulture(locale: string): NumberCulture {
  const cached = numberCache.get(locale);
  if (cached) return cached;
  const list = new Intl.NumberFormat(locale, { useGrouping: true }).formatToParts(1234567.5);
  const region = new Intl.Locale(locale).maximize().region ?? "";
  const language = new Intl.Locale(locale).language;
  const currency = CURRENCY_BY_REGION[region] ?? CURRENCY_BY_LANGUAGE[language] ?? "XDR";
  const money = new Intl.NumberFormat(locale, { style: "currency", currency });
  const percent = new Intl.NumberFormat(locale, { style: "percent", minimumFractionDigits: 1 });
  const culture: NumberCulture = {
    locale,
    decimal: list.find((p) => p.type === "decimal")?.value ?? ".",
    group: list.find((p) => p.type === "group")?.value ?? ",",
    minus: new Intl.NumberFormat(locale).formatToParts(-1).find((p) => p.type === "minusSign")?.value ?? "-",
    currencyPositive: CURRENCY_PATTERNS[`${language}-${region}`]?.positive ?? template(money.formatToParts(1234.5)),
    currencyNegative: CURRENCY_PATTERNS[`${language}-${region}`]?.negative ?? template(money.formatToParts(-1234.5)),
    currencyDigits: money.resolvedOptions().maximumFractionDigits ?? 2,
    percentPositive: template(percent.formatToParts(0.125)),
    percentNegative: template(percent.formatToParts(-0.125)),
  };
  numberCache.set(locale, culture);
  return culture;
}
