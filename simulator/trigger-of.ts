/** The trigger a target (definition, workflow resource or ARM template) starts with, before any run. */
import { isObject } from "../wdl/walk";
import { resolveTarget } from "./target";

/** The first trigger's name and type (`Recurrence`, `Request`, `ApiConnectionWebhook`, …), if the definition has one. */
export function triggerOf(target: unknown, resource?: string): { name: string; type: string } | undefined {
  const { definition } = resolveTarget(target, resource);
  const triggers = isObject(definition) && isObject(definition.triggers) ? definition.triggers : {};
  const name = Object.keys(triggers)[0];
  const trigger = name !== undefined ? triggers[name] : undefined;
  return name !== undefined && isObject(trigger) ? { name, type: typeof trigger.type === "string" ? trigger.type : "" } : undefined;
}
