/** Names in generated code: playbook names, step labels from action names, identifiers. */
import { nameFromLabel } from "../playbooks/kit";

const PLAYBOOK_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** A workflow name made a valid playbook name (kebab-case, starting with a letter); `fallback` when nothing is left. */
export function playbookName(workflowName: string, fallback: string): string {
  const kebab = (s: string) =>
    s
      .replace(/([a-z0-9])([A-Z][a-z])/g, "$1-$2")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "");
  let name = kebab(workflowName);
  if (!name) name = kebab(fallback);
  if (!name) name = "imported-playbook";
  if (!/^[a-z]/.test(name)) name = `playbook-${name}`;
  return PLAYBOOK_NAME.test(name) ? name : "imported-playbook";
}

/** `name`, or `name-2`, `name-3`… when taken; records the result in `taken`. */
export function uniqueName(name: string, taken: Set<string>): string {
  let candidate = name;
  for (let i = 2; taken.has(candidate); i++) candidate = `${name}-${i}`;
  taken.add(candidate);
  return candidate;
}

/** The designer label of an action name, and the exact name when the label rule cannot give it back. */
export function stepLabel(name: string): { label: string; name?: string } {
  const label = name.replace(/_/g, " ").trim();
  if (label && derives(label, name)) return { label };
  if (derives(name, name)) return { label: name };
  return { label: label || name, name };
}

function derives(label: string, name: string): boolean {
  try {
    return nameFromLabel(label) === name;
  } catch {
    return false;
  }
}

const RESERVED = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package private protected public await flow trigger params text raw rawTrigger definePlaybook call defender outlook graphMail teams mdeRest sentinel graphSecurity param params Untyped lit connectionRef at " +
    // Expression functions the generated code imports (a handle named `join` would hide `join(…)`).
    "equals not and or greater greaterOrEquals less lessOrEquals contains empty length join concat split trim toLower toUpper replace startsWith endsWith substring encodeUriComponent string int bool utcNow formatDateTime addDays getPastTime"
  ).split(" "),
);

/** A camelCase identifier for a step handle, unique in `taken`. */
export function identifier(name: string, taken: Set<string>): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter(Boolean);
  let id = words.map((w, i) => (i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1))).join("");
  if (!id || /^[0-9]/.test(id)) id = `step${id}`;
  if (RESERVED.has(id)) id = `${id}Step`;
  let candidate = id;
  for (let i = 2; taken.has(candidate); i++) candidate = `${id}${i}`;
  taken.add(candidate);
  return candidate;
}

/** A property key as TypeScript writes it: bare when it is an identifier, else quoted. */
export function propertyKey(key: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) && key !== "__proto__" ? key : JSON.stringify(key);
}
