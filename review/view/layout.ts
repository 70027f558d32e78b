/**
 * Lay a definition out as the Logic Apps designer draws it: top to bottom, the trigger first, each step a card
 * saying what it does, a Condition's True and False branches (and a Switch's cases) side by side inside the
 * step's frame, loops and scopes as frames around their steps. The layout engine is ELK's layered algorithm
 * (elkjs, pure JavaScript, in Node and in the browser alike). Every arrow stays inside one action map (runAfter
 * names siblings only), so each frame is laid out on its own, inside out, and sized to its content; branches
 * of one Condition are siblings of one layer, top-aligned. Model order is kept: True stays left of False, and
 * the same definition gives the same picture.
 */
import ELK, { type ElkExtendedEdge, type ElkNode } from "elkjs/lib/elk.bundled.js";
import { childScopes, isObject, type Obj } from "../../wdl";
import { normalizeRunAfter } from "../normalize";
import { kindOf } from "../operation-of";
import { wrapText, fitText } from "./text-metrics";

/** Card and frame sizes (pixels). */
export const CARD = { width: 272, titleSize: 13, subtitleSize: 12, lineHeight: 17, padding: 10 };
const FRAME_HEADER = 44;
const BRANCH_HEADER = 26;

/** A box of the diagram, in absolute coordinates. */
export interface DiagramBox {
  id: string;
  /** `trigger` and `step` are cards; `container` is a step drawn as a frame; `branch` a Condition/Switch branch. */
  kind: "trigger" | "step" | "container" | "branch";
  /** The step or trigger name (for branches: the container's name). */
  name: string;
  /** Lower-cased action type. */
  type: string;
  /** Title lines (the step name, as the designer shows it) and the line saying what it does. */
  title: string[];
  subtitle: string;
  service?: string;
  destructive: boolean;
  /** Nesting depth of frames around it. */
  depth: number;
  /** A branch without steps (drawn with a "no steps" note, as the designer shows an empty branch). */
  empty?: boolean;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** An arrow from a step to the one that runs after it. */
export interface DiagramEdge {
  id: string;
  from: string;
  to: string;
  /** Statuses other than plain Succeeded ("Failed, TimedOut"). */
  label?: string;
  /** Runs only when the predecessor failed or timed out. */
  error: boolean;
  points: { x: number; y: number }[];
  labelBox?: { x: number; y: number; width: number; height: number };
}

/** A laid-out diagram. */
export interface Diagram {
  width: number;
  height: number;
  /** Parents before children (frames first, so cards paint above them). */
  boxes: DiagramBox[];
  edges: DiagramEdge[];
}

/** "Get_alert" → "Get alert". */
export function displayName(name: string): string {
  return name.replace(/_/g, " ");
}

interface Built {
  elk: ElkNode;
  boxes: Map<string, Omit<DiagramBox, "x" | "y" | "width" | "height">>;
  edges: Map<string, Omit<DiagramEdge, "points" | "labelBox">>;
}

const ERROR_STATUSES = new Set(["Failed", "TimedOut"]);

/** Options of every graph and frame (ELK does not inherit them). */
const LAYER_OPTIONS: Record<string, string> = {
  "elk.algorithm": "layered",
  "elk.direction": "DOWN",
  "elk.edgeRouting": "ORTHOGONAL",
  "elk.layered.considerModelOrder.strategy": "NODES_AND_EDGES",
  "elk.layered.crossingMinimization.forceNodeModelOrder": "true",
  "elk.layered.nodePlacement.strategy": "BRANDES_KOEPF",
  "elk.layered.nodePlacement.bk.fixedAlignment": "BALANCED",
  "elk.layered.spacing.nodeNodeBetweenLayers": "34",
  "elk.spacing.nodeNode": "26",
  "elk.spacing.edgeLabel": "4",
  "elk.edgeLabels.placement": "CENTER",
  "elk.randomSeed": "1",
  // Branches share no arrow: kept in one graph they share the first layer, side by side, in model order.
  "elk.separateConnectedComponents": "false",
};
const ROOT_OPTIONS: Record<string, string> = { ...LAYER_OPTIONS, "elk.padding": "[top=16,left=16,bottom=16,right=16]" };

function cardHeight(titleLines: number): number {
  return CARD.padding * 2 + CARD.lineHeight * (titleLines + 1);
}

function branchLabel(branch: string, action: Obj): string {
  const type = String(action.type ?? "").toLowerCase();
  if (type === "if") return branch === "else" ? "False" : "True";
  if (branch === "default") return "Default";
  if (branch.startsWith("case:")) {
    const name = branch.slice(5);
    const c = isObject(action.cases) && isObject(action.cases[name]) ? action.cases[name].case : undefined;
    return `Case ${c === undefined ? name : typeof c === "string" ? c : JSON.stringify(c)}`;
  }
  return "";
}

/** "Condition · equals(…)", "For each · body('X')": the frame's second line. */
function containerSubtitle(action: Obj, label: string): string {
  const type = String(action.type ?? "").toLowerCase();
  const source = type === "foreach" ? action.foreach : type === "if" || type === "until" || type === "switch" ? action.expression : undefined;
  if (typeof source === "string") return `${label} · ${source.replace(/^@/, "")}`;
  if (isObject(source)) return `${label} · ${JSON.stringify(source)}`;
  return label;
}

/** Build the ELK graph of one action map; `scopeId` is the ELK node the map's steps sit in. */
function addScope(actions: unknown, scope: ElkNode, built: Built, depth: number, entries: string[], seen: Set<object>): void {
  if (!isObject(actions) || seen.has(actions)) return;
  seen.add(actions);
  scope.children ??= [];
  scope.edges ??= [];
  const names = Object.keys(actions).filter((n) => isObject(actions[n]));
  const idOf = (n: string) => `s:${n}`;
  for (const name of names) {
    const action = actions[name] as Obj;
    const kind = kindOf(action);
    const type = String(action.type ?? "").toLowerCase();
    const branches = childScopes(action, "");
    const container = branches.length > 0 || ["if", "switch", "foreach", "until", "scope"].includes(type);
    const title = wrapText(displayName(name), CARD.width - 2 * CARD.padding - 6, CARD.titleSize, 2, true);
    const subtitle = container ? containerSubtitle(action, kind.label) : kind.label;
    const box = { id: idOf(name), kind: container ? ("container" as const) : ("step" as const), name, type, title, subtitle: fitText(subtitle, CARD.width - 2 * CARD.padding - 6, CARD.subtitleSize), service: kind.service, destructive: kind.destructive, depth };
    built.boxes.set(box.id, box);
    const node: ElkNode = { id: box.id };
    if (!container) {
      node.width = CARD.width;
      node.height = cardHeight(title.length);
    } else {
      node.layoutOptions = { ...LAYER_OPTIONS, "elk.padding": `[top=${FRAME_HEADER + 8},left=14,bottom=14,right=14]`, "elk.nodeSize.constraints": "MINIMUM_SIZE", "elk.nodeSize.minimum": `(${CARD.width + 28}, ${FRAME_HEADER + 40})` };
      const split = type === "if" || type === "switch";
      if (split) {
        // Both branches of a Condition are drawn, even an empty one, as the designer does.
        const wanted = type === "if" ? ["actions", "else"] : branches.map((b) => b.branch);
        for (const branch of wanted) {
          const child = branches.find((b) => b.branch === branch);
          const id = `b:${name}:${branch}`;
          const label = branchLabel(branch, action);
          const empty = !child || Object.keys(child.actions).length === 0;
          built.boxes.set(id, { id, kind: "branch", name, type: branch, title: [label], subtitle: "", destructive: false, depth: depth + 1, ...(empty ? { empty } : {}) });
          const frame: ElkNode = {
            id,
            layoutOptions: { ...LAYER_OPTIONS, "elk.alignment": "TOP", "elk.padding": `[top=${BRANCH_HEADER + 8},left=10,bottom=10,right=10]`, "elk.nodeSize.constraints": "MINIMUM_SIZE", "elk.nodeSize.minimum": `(${CARD.width + 20}, ${BRANCH_HEADER + 40})` },
          };
          node.children ??= [];
          node.children.push(frame);
          if (child) addScope(child.actions, frame, built, depth + 2, [], seen);
        }
      } else {
        for (const child of branches) addScope(child.actions, node, built, depth + 1, [], seen);
      }
    }
    scope.children.push(node);
  }
  for (const name of names) {
    const runAfter = normalizeRunAfter((actions[name] as Obj).runAfter);
    const preds = Object.keys(runAfter).filter((p) => names.includes(p));
    const sources = Object.keys(runAfter).length === 0 ? entries : preds.map(idOf);
    for (const source of sources) {
      const pred = source.slice(2);
      const statuses = runAfter[pred] ?? ["Succeeded"];
      const plain = statuses.length === 1 && statuses[0] === "Succeeded";
      const id = `e:${source}->${name}`;
      const label = plain ? undefined : statuses.join(", ") || "(no status)";
      built.edges.set(id, { id, from: source.slice(2), to: name, label, error: statuses.some((s) => ERROR_STATUSES.has(s)) });
      const edge: ElkExtendedEdge = { id, sources: [source], targets: [idOf(name)] };
      if (label) edge.labels = [{ text: label, width: Math.ceil(label.length * 6.2) + 10, height: 16 }];
      scope.edges.push(edge);
    }
  }
}


function buildGraph(definition: unknown): Built {
  const built: Built = { elk: { id: "root", layoutOptions: ROOT_OPTIONS, children: [], edges: [] }, boxes: new Map(), edges: new Map() };
  const def = isObject(definition) ? definition : {};
  const triggers = isObject(def.triggers) ? Object.entries(def.triggers).filter(([, t]) => isObject(t)) : [];
  const entryIds: string[] = [];
  for (const [name, trigger] of triggers) {
    const kind = kindOf(trigger as Obj);
    const id = `t:${name}`;
    const title = wrapText(displayName(name), CARD.width - 2 * CARD.padding - 6, CARD.titleSize, 2, true);
    built.boxes.set(id, { id, kind: "trigger", name, type: String((trigger as Obj).type ?? "").toLowerCase(), title, subtitle: fitText(kind.label, CARD.width - 2 * CARD.padding - 6, CARD.subtitleSize), service: kind.service, destructive: false, depth: 0 });
    built.elk.children!.push({ id, width: CARD.width, height: cardHeight(title.length) });
    entryIds.push(id);
  }
  addScope(def.actions, built.elk, built, 0, entryIds, new Set());
  for (const edge of built.elk.edges!) {
    const source = edge.sources[0]!;
    if (source.startsWith("t:")) {
      const info = built.edges.get(edge.id)!;
      info.from = source.slice(2);
    }
  }
  return built;
}

let engine: InstanceType<typeof ELK> | undefined;

const round = (n: number) => Math.round(n * 10) / 10;

/** Lay a definition out. Works on any definition; what is not shaped as expected is drawn as far as it can be. */
export async function layoutDefinition(definition: unknown): Promise<Diagram> {
  const built = buildGraph(definition);
  engine ??= new ELK();
  const laid = await engine.layout(built.elk);
  const boxes: DiagramBox[] = [];
  const absolute = new Map<string, { x: number; y: number }>([["root", { x: 0, y: 0 }]]);
  const visit = (node: ElkNode, ox: number, oy: number) => {
    for (const child of node.children ?? []) {
      const x = ox + (child.x ?? 0);
      const y = oy + (child.y ?? 0);
      absolute.set(child.id, { x, y });
      const info = built.boxes.get(child.id)!;
      boxes.push({ ...info, x: round(x), y: round(y), width: round(child.width ?? 0), height: round(child.height ?? 0) });
      visit(child, x, y);
    }
  };
  visit(laid, 0, 0);
  const edges: DiagramEdge[] = [];
  const visitEdges = (node: ElkNode) => {
    for (const edge of node.edges ?? []) {
      const offset = absolute.get(edge.container ?? node.id) ?? absolute.get(node.id)!;
      const info = built.edges.get(edge.id)!;
      const points: { x: number; y: number }[] = [];
      for (const s of edge.sections ?? []) points.push(s.startPoint, ...(s.bendPoints ?? []), s.endPoint);
      const out: DiagramEdge = { ...info, points: points.map((p) => ({ x: round(p.x + offset.x), y: round(p.y + offset.y) })) };
      const label = edge.labels?.[0];
      if (label && label.x !== undefined) out.labelBox = { x: round(label.x + offset.x), y: round((label.y ?? 0) + offset.y), width: label.width ?? 0, height: label.height ?? 0 };
      edges.push(out);
    }
    for (const child of node.children ?? []) visitEdges(child);
  };
  visitEdges(laid);
  return { width: round(laid.width ?? 0), height: round(laid.height ?? 0), boxes, edges };
}
