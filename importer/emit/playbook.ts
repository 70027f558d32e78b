/**
 * One playbook file: the `definePlaybook({...})` call around the trigger, the definition's own members and
 * the steps, with the imports it needs.
 */
import { WORKFLOW_SCHEMA, type Json } from "../../wdl";
import { isObject, type Obj } from "../../wdl/walk";
import { arrow, call, format, obj, prefix, type Code } from "../code";
import { propertyKey, stepLabel } from "../names";
import { commentLines, wrapLongStrings } from "../wrap";
import { emitContext, type EmitContext } from "./context";
import { scopeStatements } from "./scope";
import { orderTrigger } from "../../playbooks/kit/render";
import type { JsonObject } from "../../wdl";
import { literal, sortedKeys } from "./value";

/** What the file is made from. */
export interface PlaybookSource {
  /** Playbook name (kebab-case). */
  name: string;
  description: string;
  definition: Obj;
  /** `$connections` key (lower-cased) → managed API. */
  apis?: ReadonlyMap<string, string>;
}

/** The generated file text and what emitting it counted. */
export interface EmittedPlaybook {
  text: string;
  context: EmitContext;
}

/** Top-level members the builder writes itself, with the value it writes. */
const KIT_MEMBERS: Record<string, Json> = { $schema: WORKFLOW_SCHEMA, contentVersion: "1.0.0.0", outputs: {} };

/** The `definition:` entry: members that differ from what the builder writes, `null` for those missing. */
function definitionMembers(definition: Obj): Code | undefined {
  const entries: [string, Code][] = [];
  for (const [key, value] of Object.entries(KIT_MEMBERS)) {
    if (!Object.hasOwn(definition, key)) entries.push([propertyKey(key), "null"]);
    else if (JSON.stringify(definition[key]) !== JSON.stringify(value)) entries.push([propertyKey(key), literal(sortedKeys(definition[key] as Json))]);
  }
  if (!Object.hasOwn(definition, "parameters")) entries.push(["parameters", "null"]);
  else entries.push(["parameters", literal(sortedKeys(definition.parameters as Json))]);
  for (const [key, value] of Object.entries(definition)) {
    if (key in KIT_MEMBERS || key === "parameters" || key === "triggers" || key === "actions") continue;
    entries.push([propertyKey(key), literal(sortedKeys(value as Json))]);
  }
  return entries.length ? obj(entries) : undefined;
}

/** The trigger entries: its exact name and the trigger as written. */
function triggerEntries(definition: Obj, ctx: EmitContext): [string, Code][] {
  const triggers = isObject(definition.triggers) ? Object.entries(definition.triggers) : [];
  if (triggers.length !== 1) throw new Error(`the definition has ${triggers.length} triggers; a playbook has exactly one`);
  const [name, trigger] = triggers[0]!;
  if (!isObject(trigger)) throw new Error(`trigger '${name}' is not an object`);
  ctx.imports.add("rawTrigger");
  const { label } = stepLabel(name);
  return [
    ["triggerName", JSON.stringify(name)],
    ["trigger", call("rawTrigger", [JSON.stringify(label), literal(orderTrigger(sortedKeys(trigger as Json) as JsonObject))])],
  ];
}

/** Generate the playbook file. Throws an Error (with a sentence) for a definition no playbook can hold. */
export function emitPlaybook(source: PlaybookSource): EmittedPlaybook {
  const ctx = emitContext(source.apis);
  const { definition } = source;
  const actions = isObject(definition.actions) ? definition.actions : {};
  if (Object.hasOwn(definition, "actions") && !isObject(definition.actions)) throw new Error("its actions member is not an object");
  const entries: [string, Code][] = [
    ["name", JSON.stringify(source.name)],
    ["description", JSON.stringify(source.description)],
  ];
  const members = definitionMembers(definition);
  if (members) entries.push(["definition", members]);
  entries.push(...triggerEntries(definition, ctx));
  const body = scopeStatements(actions, ctx);
  const entryCodes: Code[] = entries.map(([k, v]) => prefix(`${k}: `, v));
  entryCodes.push(prefix("build: ", arrow("({ flow })", body)));
  const spec: Code = { kind: "list", open: "{", close: "}", items: entryCodes };
  const imports = [...ctx.imports].sort();
  const text = [
    ...commentLines(`Imported by playbook-kit import. ${source.description}`),
    // Room for ` from "playbook-kit";` after the list.
    `${format({ kind: "list", open: "import {", close: "}", items: imports }, 0, 90)} from "playbook-kit";`,
    "",
    `export default ${format(call("definePlaybook", [spec]))};`,
    "",
  ].join("\n");
  return { text: wrapLongStrings(text), context: ctx };
}
