/**
 * Windows time-zone names with DST, and the formatting choices the README lists (ICU culture data,
 * .NET Core number formatting). The reference names the Windows zones ("Microsoft Windows Default Time
 * Zones"); the expected offsets are the zones' published rules.
 */
import { describe, expect, it } from "vitest";
import { createStaticContext, evaluateString } from "../../simulator/expression/evaluate";

const ctx = createStaticContext();
const ev = (e: string) => evaluateString(e, ctx);

describe("time zones", () => {
  it.each([
    ["2018-07-01T12:00:00Z", "W. Europe Standard Time", "2018-07-01T14:00:00.0000000"],
    ["2018-01-01T12:00:00Z", "W. Europe Standard Time", "2018-01-01T13:00:00.0000000"],
    ["2018-07-01T12:00:00Z", "Pacific Standard Time", "2018-07-01T05:00:00.0000000"],
    ["2018-01-01T12:00:00Z", "Eastern Standard Time", "2018-01-01T07:00:00.0000000"],
    ["2018-07-01T12:00:00Z", "GMT Standard Time", "2018-07-01T13:00:00.0000000"],
    ["2018-07-01T12:00:00Z", "Tokyo Standard Time", "2018-07-01T21:00:00.0000000"],
    ["2018-07-01T12:00:00Z", "India Standard Time", "2018-07-01T17:30:00.0000000"],
    ["2018-01-01T12:00:00Z", "AUS Eastern Standard Time", "2018-01-01T23:00:00.0000000"],
    ["2018-07-01T12:00:00Z", "AUS Eastern Standard Time", "2018-07-01T22:00:00.0000000"],
    ["2018-07-01T12:00:00Z", "UTC", "2018-07-01T12:00:00.0000000"],
  ])("convertFromUtc(%s, %s) = %s", (t, zone, expected) => {
    expect(ev(`@convertFromUtc('${t}', '${zone}')`)).toBe(expected);
  });
  it("converts local times to UTC across DST", () => {
    expect(ev("@convertToUtc('2018-07-01 14:00:00', 'W. Europe Standard Time')")).toBe("2018-07-01T12:00:00.0000000Z");
    expect(ev("@convertToUtc('2018-01-01 14:00:00', 'W. Europe Standard Time')")).toBe("2018-01-01T13:00:00.0000000Z");
    expect(ev("@convertTimeZone('2018-07-01T14:00:00', 'W. Europe Standard Time', 'Eastern Standard Time')")).toBe("2018-07-01T08:00:00.0000000");
    expect(ev("@convertTimeZone('2018-07-01T14:00:00', 'W. Europe Standard Time', 'Eastern Standard Time', 'HH:mm')")).toBe("08:00");
  });
  it("reads the repeated hour when DST ends as standard time", () => {
    expect(ev("@convertToUtc('2018-10-28T02:30:00', 'W. Europe Standard Time')")).toBe("2018-10-28T01:30:00.0000000Z");
  });
  it("ignores case and punctuation in zone names", () => {
    expect(ev("@convertFromUtc('2018-07-01T12:00:00Z', 'w europe standard time')")).toBe("2018-07-01T14:00:00.0000000");
  });
});

describe("culture-dependent formats (ICU data)", () => {
  it.each([
    ["@formatNumber(0.125, 'P')", "12.50%"],
    ["@formatNumber(0.125, 'P1', 'fr-FR')", "12,5\u00a0%"],
    ["@formatNumber(-1, 'C')", "-$1.00"],
    ["@formatNumber(1234.5, 'C', 'de-DE')", "1.234,50\u00a0€"],
    ["@formatNumber(1234.5, 'C', 'en-GB')", "£1,234.50"],
    ["@formatNumber(1234.5, 'C', 'ja-JP')", "￥1,235"],
    ["@formatNumber(1.5, '.00')", "1.50"],
    ["@formatNumber(0.5, '.00')", ".50"],
    ["@formatNumber(99.999, '0.00')", "100.00"],
    ["@formatNumber(9.99, '0.0E+0')", "1.0E+1"],
    ["@formatNumber(-0.001, '0.00')", "0.00"],
    ["@formatDateTime('2009-06-15T13:45:30Z', 'D', 'ja-JP')", "2009年6月15日月曜日"],
    ["@formatDateTime('2009-06-15T13:45:30Z', 'MMMM', 'pl-PL')", "czerwiec"],
    ["@formatDateTime('2009-06-15T13:45:30Z', 'd MMMM', 'pl-PL')", "15 czerwca"],
    ["@parseDateTime('2009年6月15日月曜日', 'ja-JP')", "2009-06-15T00:00:00.0000000"],
    ["@parseDateTime('lundi 15 juin 2009 13:45:30', 'fr-FR')", "2009-06-15T13:45:30.0000000"],
    ["@parseDateTime('15.06.2009', 'de-DE')", "2009-06-15T00:00:00.0000000"],
  ])("%s = %s", (expression, expected) => {
    expect(ev(expression)).toBe(expected);
  });
});
