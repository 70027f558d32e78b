/**
 * Mermaid flowcharts of workflow definitions: the trigger(s), every action, If yes/no branches, Switch cases,
 * loops (with a back edge) and error edges. Works on any definition, third-party ones included: anything that
 * is not shaped as expected is drawn as far as it can be, never thrown on. Same input, same text.
 */
import { isAuditRecord } from "../operations/audit";
import { isObject, type Obj } from "../wdl/walk";
import { escapeControl } from "../errors";

/** Statuses that make an edge an error edge. */
const ERROR_STATUSES = new Set(["failed", "timedout"]);
/** Canonical casing of `runAfter` statuses, for labels. */
const STATUS_NAMES: Record<string, string> = { succeeded: "Succeeded", failed: "Failed", skipped: "Skipped", timedout: "TimedOut" };
const STATUS_ORDER = ["succeeded", "failed", "skipped", "timedout"];

/** Escape text for a quoted Mermaid label (HTML labels): entity codes for characters Mermaid or HTML read. */
function escapeLabel(text: string): string {
  let out = "";
  for (const ch of text) {
    if (ch === '"') out += "#quot;";
    else if (ch === "#") out += "#35;";
    else if (ch === "<") out += "#lt;";
    else if (ch === ">") out += "#gt;";
    else if (ch === "&") out += "#amp;";
    else if (ch === "|") out += "#124;";
    else if (ch === "\n" || ch === "\r" || ch === "\t") out += " ";
    else out += escapeControl(ch); // ESC, BEL, C1, U+2028…: written as \u001b, never raw into a terminal or file
  }
  return out;
}

function typeOf(node: Obj): string {
  return typeof node.type === "string" ? node.type : "";
}

/** `type` (and `kind` when present, or that it is an audit-mode record), as shown under the name. */
function typeLabel(node: Obj): string {
  const type = typeOf(node) || "unknown type";
  if (type === "Compose" && isAuditRecord(node.inputs)) return "Compose (audit record)";
  return typeof node.kind === "string" && node.kind ? `${type} (${node.kind})` : type;
}

function nodeText(name: string, node: Obj, prefix = "", describe: (node: Obj) => string = typeLabel): string {
  return `"${escapeLabel(prefix + name)}<br/>${escapeLabel(describe(node))}"`;
}

/** The node shape for an action type. */
function shape(node: Obj, text: string): string {
  switch (typeOf(node).toLowerCase()) {
    case "if":
      return `{${text}}`;
    case "switch":
      return `{{${text}}}`;
    case "foreach":
    case "until":
    case "agent":
      return `[[${text}]]`;
    case "scope":
      return `[/${text}/]`;
    case "terminate":
      return `[/${text}\\]`;
    case "response":
      return `>${text}]`;
    default:
      return `[${text}]`;
  }
}

/** One `runAfter` entry: predecessor name and statuses (lower-cased, canonical order, no duplicates). */
function runAfterEntries(action: Obj): { name: string; statuses: string[] }[] {
  if (!isObject(action.runAfter)) return [];
  const out: { name: string; statuses: string[] }[] = [];
  for (const [name, value] of Object.entries(action.runAfter)) {
    const raw = Array.isArray(value) ? value.filter((s): s is string => typeof s === "string").map((s) => s.toLowerCase()) : [];
    const known = STATUS_ORDER.filter((s) => raw.includes(s));
    const unknown = [...new Set(raw.filter((s) => !STATUS_ORDER.includes(s)))].sort();
    out.push({ name, statuses: [...known, ...unknown] });
  }
  return out;
}

function statusLabel(statuses: string[]): string {
  return statuses.map((s) => STATUS_NAMES[s] ?? s).join(", ");
}

/** A child action map of a container, with the label of the edge into it. */
interface Branch {
  label: string;
  actions: Obj;
}

function branches(action: Obj): Branch[] {
  const type = typeOf(action).toLowerCase();
  const out: Branch[] = [];
  const add = (label: string, actions: unknown) => {
    if (isObject(actions)) out.push({ label, actions });
  };
  if (type === "if") {
    add("yes", action.actions);
    add("no", isObject(action.else) ? action.else.actions : undefined);
  } else if (type === "switch") {
    if (isObject(action.cases)) {
      for (const [name, c] of Object.entries(action.cases)) {
        if (!isObject(c)) continue;
        const value = c.case;
        const shown = typeof value === "string" ? value : value === undefined ? name : JSON.stringify(value);
        add(`case ${shown}`, c.actions);
      }
    }
    add("default", isObject(action.default) ? action.default.actions : undefined);
  } else if (type === "foreach") {
    add("for each", action.actions);
  } else if (type === "until") {
    add("loop", action.actions);
  } else if (type === "scope") {
    add("scope", action.actions);
  } else if (type === "agent" && isObject(action.tools)) {
    // Each tool of an agent loop is a branch the model may call.
    for (const [name, tool] of Object.entries(action.tools)) if (isObject(tool)) add(`tool ${name}`, tool.actions);
  }
  return out;
}

/** Options of `toMermaid`. */
export interface MermaidOptions {
  /** Step (or trigger) name → Mermaid class name, to style steps apart (e.g. added / changed / removed). */
  classes?: Record<string, string>;
  /** Class name → Mermaid style, emitted as `classDef` lines. */
  classDefs?: Record<string, string>;
  /** The second line of a node (default: the action's `type`, and `kind` when present). */
  describe?: (node: Obj) => string;
}

/** Draw a definition as a Mermaid flowchart (`flowchart TD`), ending with a newline. Never throws. */
export function toMermaid(definition: unknown, options: MermaidOptions = {}): string {
  const lines: string[] = ["flowchart TD"];
  const edges: string[] = [];
  const errorEdges: number[] = [];
  const loopEdges: number[] = [];
  const errorNodes: string[] = [];
  const styled = new Map<string, string[]>();
  const style = (name: string, id: string) => {
    const cls = Object.prototype.hasOwnProperty.call(options.classes ?? {}, name) ? options.classes![name] : undefined;
    if (cls) styled.set(cls, [...(styled.get(cls) ?? []), id]);
  };
  let counter = 0;
  const nextId = (prefix: string) => `${prefix}${counter++}`;

  const addEdge = (from: string, to: string, label: string | undefined, kind: "normal" | "error" | "other" | "loop") => {
    const text = label ? `|"${escapeLabel(label)}"|` : "";
    const arrow = kind === "normal" ? "-->" : "-.->";
    if (kind === "error") errorEdges.push(edges.length);
    if (kind === "loop") loopEdges.push(edges.length);
    edges.push(`  ${from} ${arrow}${text} ${to}`);
  };

  if (!isObject(definition)) {
    lines.push('  empty["(not a workflow definition)"]');
    return `${lines.join("\n")}\n`;
  }

  // Triggers: the entry of the top-level scope.
  const triggerIds: string[] = [];
  if (isObject(definition.triggers)) {
    for (const [name, trigger] of Object.entries(definition.triggers)) {
      const node = isObject(trigger) ? trigger : {};
      const id = nextId("t");
      lines.push(`  ${id}([${nodeText(name, node, "trigger: ", options.describe)}])`);
      triggerIds.push(id);
      style(name, id);
    }
  }
  if (!triggerIds.length) {
    const id = nextId("t");
    lines.push(`  ${id}(("start"))`);
    triggerIds.push(id);
  }

  // Guards for documents no service would accept: an action map reachable twice (object cycles), absurd nesting.
  const drawn = new Set<object>();
  const MAX_DEPTH = 64;

  /** Draw one action map; `entries` are the nodes (with edge labels) its first actions hang from. Returns its sinks. */
  const drawScope = (actions: unknown, entries: { id: string; label?: string }[], indent: string, depth = 0): string[] => {
    if (!isObject(actions) || drawn.has(actions)) return [];
    drawn.add(actions);
    if (depth > MAX_DEPTH) {
      const id = nextId("m");
      lines.push(`${indent}${id}["(nested more than ${MAX_DEPTH} levels deep)"]`);
      for (const entry of entries) addEdge(entry.id, id, entry.label, "normal");
      return [id];
    }
    const ids = new Map<string, string>();
    const list: { name: string; node: Obj; id: string }[] = [];
    for (const [name, action] of Object.entries(actions)) {
      const node = isObject(action) ? action : {};
      const id = nextId("a");
      ids.set(name, id);
      list.push({ name, node, id });
    }
    const hasSuccessor = new Set<string>();
    for (const { name, node, id } of list) {
      lines.push(`${indent}${id}${shape(node, nodeText(name, node, "", options.describe))}`);
      style(name, id);
      const after = runAfterEntries(node);
      if (!after.length) {
        for (const entry of entries) addEdge(entry.id, id, entry.label, "normal");
      }
      let onlyErrors = after.length > 0;
      for (const { name: pred, statuses } of after) {
        let from = ids.get(pred);
        if (!from) {
          from = nextId("m");
          lines.push(`${indent}${from}["${escapeLabel(pred)}<br/>(not in this scope)"]`);
          ids.set(pred, from);
        }
        hasSuccessor.add(pred);
        const isPlain = statuses.length === 1 && statuses[0] === "succeeded";
        const isError = statuses.some((s) => ERROR_STATUSES.has(s));
        if (!isError) onlyErrors = false;
        addEdge(from, id, isPlain ? undefined : statusLabel(statuses) || "(no status)", isPlain ? "normal" : isError ? "error" : "other");
      }
      if (onlyErrors) errorNodes.push(id);
      // Children of containers.
      const type = typeOf(node).toLowerCase();
      for (const branch of branches(node)) {
        const sinks = drawScope(branch.actions, [{ id, label: branch.label }], indent, depth + 1);
        if (type === "agent") {
          for (const sink of sinks) addEdge(sink, id, "back to the agent", "loop");
        } else if ((type === "foreach" || type === "until") && sinks.length) {
          for (const sink of sinks) addEdge(sink, id, type === "foreach" ? "next item" : "repeat", "loop");
        } else if ((type === "foreach" || type === "until") && !Object.keys(branch.actions).length) {
          addEdge(id, id, type === "foreach" ? "next item" : "repeat", "loop");
        }
      }
    }
    return list.filter((a) => !hasSuccessor.has(a.name)).map((a) => a.id);
  };

  drawScope(
    definition.actions,
    triggerIds.map((id) => ({ id })),
    "  ",
  );
  lines.push(...edges);
  if (errorNodes.length) {
    lines.push("  classDef onError stroke:#c0392b,stroke-width:2px");
    lines.push(`  class ${errorNodes.join(",")} onError`);
  }
  if (errorEdges.length) lines.push(`  linkStyle ${errorEdges.join(",")} stroke:#c0392b,stroke-width:2px`);
  if (loopEdges.length) lines.push(`  linkStyle ${loopEdges.join(",")} stroke:#2471a3`);
  for (const [cls, css] of Object.entries(options.classDefs ?? {})) if (styled.has(cls)) lines.push(`  classDef ${cls} ${css}`);
  for (const [cls, ids] of styled) lines.push(`  class ${ids.join(",")} ${cls}`);
  return `${lines.join("\n")}\n`;
}
