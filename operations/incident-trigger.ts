/**
 * Whether a definition starts from a Microsoft Sentinel incident: its trigger subscribes to the `azuresentinel`
 * connector's incident webhook (`ApiConnectionWebhook`, path `/incident-creation`). Only such playbooks can be
 * run by an automation rule (MicrosoftDocs/azure-docs `articles/sentinel/automation/playbook-triggers-actions.md`:
 * automation rules run playbooks built on the incident trigger).
 */
import { connectionKeyOfInputs, isObject } from "../wdl";
import { apiOfConnectionKey } from "./calls";
import { findWebhookOperation } from "./match";
import { sentinelTriggers } from "./sentinel";

/** True when some trigger of `definition` is the Sentinel incident trigger. Never throws. */
export function isSentinelIncidentTriggered(definition: unknown): boolean {
  const triggers = isObject(definition) && isObject(definition.triggers) ? definition.triggers : {};
  return Object.values(triggers).some((trigger) => {
    if (!isObject(trigger) || String(trigger.type).toLowerCase() !== "apiconnectionwebhook" || !isObject(trigger.inputs)) return false;
    const key = connectionKeyOfInputs(trigger.inputs);
    const path = trigger.inputs.path;
    if (key === undefined || typeof path !== "string") return false;
    return findWebhookOperation(apiOfConnectionKey(key), path) === sentinelTriggers.incident;
  });
}
