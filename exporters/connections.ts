/**
 * Which managed APIs a definition uses through `$connections`, and how each is authenticated when deployed:
 * managed identity where the connector accepts it (wdatp, as the Sentinel MDE solution ships it; azuresentinel, which
 * the Logic Apps managed-identity docs list), otherwise an
 * OAuth connection that someone must authorize after deployment.
 */
import { connectionKeys, templateExpressions, tryParseTemplate, walkStrings } from "../wdl";

/** Managed APIs whose connections the kit creates with the workflow's managed identity (`parameterValueType: Alternative`). */
export const MANAGED_IDENTITY_APIS: ReadonlySet<string> = new Set(["wdatp", "azuresentinel"]);

/** Display names of the managed APIs the kit's connectors use. */
export const API_DISPLAY_NAMES: Readonly<Record<string, string>> = {
  wdatp: "Microsoft Defender ATP",
  azuresentinel: "Microsoft Sentinel",
  office365: "Office 365 Outlook",
  teams: "Microsoft Teams",
  webcontents: "HTTP with Microsoft Entra ID (preauthorized)",
};

/** True when the kit deploys this API's connection with the managed identity. */
export function usesManagedIdentity(api: string): boolean {
  return MANAGED_IDENTITY_APIS.has(api.toLowerCase());
}

/** `$connections` keys referenced anywhere in a definition, in first-seen order. Never throws. */
export function connectionKeysOf(definition: unknown): string[] {
  const keys: string[] = [];
  walkStrings(definition, "", (text) => {
    if (!text.includes("$connections")) return;
    const parsed = tryParseTemplate(text);
    if (!parsed.ok) return;
    for (const e of templateExpressions(parsed.template)) for (const k of connectionKeys(e)) if (!keys.includes(k)) keys.push(k);
  });
  return keys;
}
