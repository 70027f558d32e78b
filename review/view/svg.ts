/**
 * A laid-out diagram as SVG text: frames for Conditions, Switches, loops and scopes, cards for steps (a stripe
 * in the colour of the service called, a warning mark on destructive steps), arrows with their runAfter
 * statuses. Given a run, each step carries its status (colour, a badge; skipped and not-run steps faded) and the
 * arrows of the path taken are drawn strong. Self-contained: styles are inside the SVG, no font or script is
 * fetched. Same diagram and run, same bytes.
 */
import { CARD, displayName, type Diagram, type DiagramBox, type DiagramEdge } from "./layout";

/** Status of each step of a run, by name (absent: the step did not run). */
export interface RunOverlay {
  statuses: Record<string, string>;
  /** Whether the trigger fired (false when the run was Skipped by trigger conditions). */
  triggered: boolean;
}

/** Options of `renderSvg`. */
export interface SvgOptions {
  /** Prefix for ids inside the SVG (markers), unique per page. */
  idPrefix?: string;
  /** Accessible title of the diagram. */
  title?: string;
  run?: RunOverlay;
}

/** Stripe colours by service. */
const SERVICE_COLOURS: Record<string, string> = {
  Defender: "#0078d4",
  "Defender API": "#0078d4",
  Graph: "#8661c5",
  Outlook: "#0364b8",
  Teams: "#5b5fc7",
  Sentinel: "#0063b1",
};
const CONTROL_COLOUR = "#616161";
const DATA_COLOUR = "#8a5b00";

const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const n = (v: number) => String(Math.round(v * 10) / 10);

/** The styles of a diagram (scoped to `.pkv`). */
export const DIAGRAM_CSS = `
.pkv{font-family:"Segoe UI","Helvetica Neue",Helvetica,Arial,"DejaVu Sans",Verdana,sans-serif}
.pkv .frame>rect.box{fill:#f6f7f9;stroke:#c7ccd3;stroke-width:1}
.pkv .branch>rect.box{fill:#ffffff;stroke:#d5d9df;stroke-dasharray:4 3}
.pkv .card>rect.box{fill:#ffffff;stroke:#c7ccd3;stroke-width:1}
.pkv .t1{font-size:${CARD.titleSize}px;font-weight:600;fill:#1b1b1b}
.pkv .t2{font-size:${CARD.subtitleSize}px;fill:#555b63}
.pkv .branch .t1{font-size:12px}
.pkv .branch.yes .t1{fill:#107c10}.pkv .branch.no .t1{fill:#b10e1c}
.pkv .destructive>rect.box{stroke:#c50f1f;stroke-width:2}
.pkv .destructive .t2{fill:#a4262c;font-weight:600}
.pkv .edge path{fill:none;stroke:#8a9099;stroke-width:1.5}
.pkv .edge.error path{stroke:#c50f1f;stroke-dasharray:5 3}
.pkv .edge rect{fill:#ffffff;stroke:#e1a0a4}
.pkv .edge text{font-size:11px;fill:#a4262c}
.pkv .step{cursor:pointer}
.pkv .step:focus{outline:none}.pkv .step:focus>rect.box,.pkv .step.selected>rect.box{stroke:#0f6cbd;stroke-width:2.5}
.pkv .badge{display:none}
.pkv .st-Succeeded>.badge,.pkv .st-Failed>.badge,.pkv .st-TimedOut>.badge,.pkv .st-Cancelled>.badge,.pkv .st-Skipped>.badge{display:inline}
.pkv .st-Succeeded>rect.box{stroke:#107c10;stroke-width:2}.pkv .st-Succeeded>.badge circle{fill:#107c10}
.pkv .st-Failed>rect.box{stroke:#c50f1f;stroke-width:2.5}.pkv .st-Failed>.badge circle{fill:#c50f1f}
.pkv .st-TimedOut>rect.box{stroke:#da3b01;stroke-width:2.5}.pkv .st-TimedOut>.badge circle{fill:#da3b01}
.pkv .st-Cancelled>.badge circle,.pkv .st-Skipped>.badge circle{fill:#8a8886}
.pkv .st-Skipped,.pkv .st-NotRun{opacity:.38}
.pkv.run .edge path{stroke:#c8cbd0}.pkv.run .edge.taken path{stroke:#107c10;stroke-width:2.5}
.pkv.run .edge.taken.error path{stroke:#c50f1f}
.pkv .badge text{font-size:11px;font-weight:700;fill:#ffffff}
`;

const BADGE: Record<string, string> = { Succeeded: "✓", Failed: "✕", TimedOut: "!", Cancelled: "–", Skipped: "–" };

function statusOf(box: DiagramBox, run: RunOverlay | undefined): string | undefined {
  if (!run) return undefined;
  if (box.kind === "trigger") return run.triggered ? "Succeeded" : "Skipped";
  if (box.kind === "branch") return undefined;
  return run.statuses[box.name] ?? "NotRun";
}

function stripeColour(box: DiagramBox): string {
  if (box.service) return SERVICE_COLOURS[box.service] ?? "#4f6bed";
  if (["compose", "select", "query", "table", "join", "parsejson", "initializevariable", "setvariable", "appendtoarrayvariable", "appendtostringvariable", "incrementvariable", "decrementvariable"].includes(box.type)) return DATA_COLOUR;
  if (box.type === "terminate") return "#c50f1f";
  return CONTROL_COLOUR;
}

function badge(box: DiagramBox, status: string | undefined): string {
  if (!status || !BADGE[status]) return "";
  const cx = box.x + box.width - 12;
  const cy = box.y + 12;
  return `<g class="badge"><circle cx="${n(cx)}" cy="${n(cy)}" r="8"/><text x="${n(cx)}" y="${n(cy + 4)}" text-anchor="middle">${BADGE[status]}</text></g>`;
}

function boxSvg(box: DiagramBox, run: RunOverlay | undefined): string {
  const status = statusOf(box, run);
  const classes = [box.kind === "branch" ? "branch" : box.kind === "container" ? "frame step" : "card step"];
  if (box.kind === "trigger") classes.push("trigger");
  if (box.kind === "branch") classes.push(box.type === "else" ? "no" : box.type === "actions" ? "yes" : "case");
  if (box.destructive) classes.push("destructive");
  if (status) classes.push(`st-${status}`);
  const attrs = box.kind === "branch" ? `data-branch="${escape(box.type)}" data-of="${escape(box.name)}"` : `data-step="${escape(box.name)}" data-kind="${box.kind}" tabindex="0" role="button"`;
  const tooltip = box.kind === "branch" ? "" : `<title>${escape(`${displayName(box.name)} — ${box.subtitle}${box.destructive ? " (destructive)" : ""}${status ? ` — ${status === "NotRun" ? "not run" : status}` : ""}`)}</title>`;
  const parts = [`<g class="${classes.join(" ")}" ${attrs}>`, tooltip, `<rect class="box" x="${n(box.x)}" y="${n(box.y)}" width="${n(box.width)}" height="${n(box.height)}" rx="${box.kind === "branch" ? 6 : 8}"/>`];
  if (box.kind === "branch") {
    parts.push(`<text class="t1" x="${n(box.x + 10)}" y="${n(box.y + 18)}">${escape(box.title[0] ?? "")}</text>`);
    if (box.empty) parts.push(`<text class="t2 empty" x="${n(box.x + box.width / 2)}" y="${n(box.y + 46)}" text-anchor="middle">no steps</text>`);
  } else {
    const stripe = box.kind === "container" ? box.y + 44 : box.y + box.height;
    parts.push(`<rect class="stripe" x="${n(box.x)}" y="${n(box.y)}" width="5" height="${n(stripe - box.y)}" rx="2" fill="${stripeColour(box)}"/>`);
    let y = box.y + CARD.padding + 13;
    for (const line of box.title) {
      parts.push(`<text class="t1" x="${n(box.x + CARD.padding + 4)}" y="${n(y)}">${escape(line)}</text>`);
      y += CARD.lineHeight;
    }
    parts.push(`<text class="t2" x="${n(box.x + CARD.padding + 4)}" y="${n(y)}">${escape(box.destructive ? `⚠ ${box.subtitle}` : box.subtitle)}</text>`);
    parts.push(badge(box, status));
  }
  parts.push("</g>");
  return parts.join("");
}

function ran(status: string | undefined): boolean {
  return status !== undefined && status !== "Skipped" && status !== "NotRun";
}

function edgeSvg(edge: DiagramEdge, marker: string, boxes: Map<string, DiagramBox>, run: RunOverlay | undefined): string {
  const classes = ["edge"];
  if (edge.error) classes.push("error");
  if (run) {
    const from = boxes.get(`s:${edge.from}`) ?? boxes.get(`t:${edge.from}`);
    const to = boxes.get(`s:${edge.to}`);
    if (from && to && ran(statusOf(from, run)) && ran(statusOf(to, run))) classes.push("taken");
  }
  const d = edge.points.map((p, i) => `${i ? "L" : "M"}${n(p.x)} ${n(p.y)}`).join(" ");
  const parts = [`<g class="${classes.join(" ")}" data-from="${escape(edge.from)}" data-to="${escape(edge.to)}"><path d="${d}" marker-end="url(#${marker})"/>`];
  if (edge.label && edge.labelBox) {
    const b = edge.labelBox;
    parts.push(`<rect x="${n(b.x)}" y="${n(b.y)}" width="${n(b.width)}" height="${n(b.height)}" rx="3"/><text x="${n(b.x + b.width / 2)}" y="${n(b.y + 12)}" text-anchor="middle">${escape(edge.label)}</text>`);
  }
  parts.push("</g>");
  return parts.join("");
}

/** The SVG text of a diagram. */
export function renderSvg(diagram: Diagram, options: SvgOptions = {}): string {
  const prefix = options.idPrefix ?? "pkv";
  const marker = `${prefix}-arrow`;
  const boxes = new Map(diagram.boxes.map((b) => [b.id, b]));
  const w = n(Math.max(diagram.width, 1));
  const h = n(Math.max(diagram.height, 1));
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="pkv${options.run ? " run" : ""}" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="${escape(options.title ?? "playbook diagram")}">`,
    `<style>${DIAGRAM_CSS.trim()}</style>`,
    `<defs><marker id="${marker}" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="10" markerHeight="10" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="#8a9099"/></marker></defs>`,
    ...diagram.boxes.filter((b) => b.kind !== "step" && b.kind !== "trigger").map((b) => boxSvg(b, options.run)),
    ...diagram.edges.map((e) => edgeSvg(e, marker, boxes, options.run)),
    ...diagram.boxes.filter((b) => b.kind === "step" || b.kind === "trigger").map((b) => boxSvg(b, options.run)),
    "</svg>",
  ].join("\n") + "\n";
}
