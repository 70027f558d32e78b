/**
 * Operations with a published retirement, as data: what they are, how to recognise a call to one (connector
 * route or Http route), the retirement date, where it is published and what replaces it. `validate` warns on
 * every call to one (an error under `--strict`); the shipped catalog calls none of them.
 */
import { matchablePath, routeRegex, type ApiCall, type HttpCall } from "./calls";
import { MDE_HOSTS } from "./match";

const isMdeHost = (host: string) => MDE_HOSTS.includes(host);

/** One retirement. */
export interface Deprecation {
  /** Stable id, e.g. `wdatp-advanced-hunting`. */
  id: string;
  /** What is retired, for messages. */
  title: string;
  /** The retirement date (ISO `YYYY-MM-DD`), or a sentence when none is published. */
  retirement: string;
  /** Where Microsoft publishes it. */
  source: string;
  /** What to call instead. */
  replacement: string;
  /** The calls it covers. */
  matches(call: ApiCall | HttpCall): boolean;
}

const route = (method: string, template: string) => {
  const pattern = routeRegex(template);
  return (call: ApiCall | HttpCall) => call.method === method && pattern.test(matchablePath(call.path));
};

const RUN_HUNTING_QUERY = "Microsoft Graph runHuntingQuery (POST https://graph.microsoft.com/v1.0/security/runHuntingQuery, app role ThreatHunting.Read.All; `defender.runHuntingQuery` in the kit)";

const advancedQueries = route("post", "/api/advancedqueries/run");
const advancedHunting = route("post", "/api/advancedhunting/run");
const initiateInvestigation = route("post", "/api/machines/{id}/initiateInvestigation");
const legacyAlerts = /^\/(v1\.0|beta)\/security\/alerts(\/[^/]+)?(\/updateAlerts)?\/?$/i;

/** Every retirement the validator knows. */
export const DEPRECATIONS: readonly Deprecation[] = [
  {
    id: "wdatp-advanced-hunting",
    title: "the Microsoft Defender ATP connector's Advanced Hunting action (wdatp POST /api/advancedqueries/run)",
    retirement: "2027-02-01",
    source:
      "the connector's own definition: \"This action is deprecated and will be retired on February 1, 2027\" (Azure Connectors SDK, WdatpClient, https://azure.github.io/Connectors-NodeJS-SDK/classes/generated_WdatpExtensions.WdatpClient.html)",
    replacement: RUN_HUNTING_QUERY,
    matches: (call) => call.kind === "api" && call.api === "wdatp" && advancedQueries(call),
  },
  {
    id: "mde-advanced-hunting-api",
    title: "the legacy MDE / Defender XDR advanced hunting REST API (POST /api/advancedqueries/run or /api/advancedhunting/run)",
    retirement: "retiring since January 2026 (Microsoft 365 message center MC1220762); it stops working when the retirement completes",
    source: "https://learn.microsoft.com/defender-endpoint/api/run-advanced-query-api and https://learn.microsoft.com/defender-xdr/api-advanced-hunting",
    replacement: RUN_HUNTING_QUERY,
    matches: (call) => call.kind === "http" && isMdeHost(call.host) && (advancedQueries(call) || advancedHunting(call)),
  },
  {
    id: "graph-legacy-security-alerts",
    title: "the legacy Microsoft Graph security alerts API (/security/alerts)",
    retirement: "2026-08-31",
    source: "https://learn.microsoft.com/graph/alertsv1-alertsv2-migration (\"deprecated and will be retired on August 31, 2026\")",
    replacement: "the alerts and incidents API: /security/alerts_v2 and /security/incidents (app roles SecurityAlert.Read.All / SecurityAlert.ReadWrite.All, SecurityIncident.Read.All / SecurityIncident.ReadWrite.All; `graphSecurity` in the kit)",
    matches: (call) => call.kind === "http" && call.host === "graph.microsoft.com" && legacyAlerts.test(matchablePath(call.path)),
  },
  {
    id: "wdatp-initiate-investigation",
    title: "the Microsoft Defender ATP connector's \"Actions - Initiate investigation on a machine\" (wdatp POST /api/machines/{id}/initiateInvestigation)",
    retirement: "no date published; the connector marks it \"(to be deprecated)\"",
    source: "Azure Connectors SDK, WdatpClient and InitiateInvestigationInput (https://azure.github.io/Connectors-NodeJS-SDK/interfaces/generated_WdatpExtensions.InitiateInvestigationInput.html)",
    replacement: "\"Actions - Start automated investigation on a machine\" (wdatp POST /api/machines/{id}/startInvestigation; `defender.startInvestigation` in the kit)",
    matches: (call) => call.kind === "api" && call.api === "wdatp" && initiateInvestigation(call),
  },
];

/** The retirement that covers a call, if any. */
export function findDeprecation(call: ApiCall | HttpCall): Deprecation | undefined {
  return DEPRECATIONS.find((d) => d.matches(call));
}
