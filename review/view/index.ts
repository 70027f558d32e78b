/** The HTML view of playbooks and their simulated runs, and the SVG diagram it draws. */
export { layoutDefinition, displayName, type Diagram, type DiagramBox, type DiagramEdge } from "./layout";
export { renderSvg, DIAGRAM_CSS, type RunOverlay, type SvgOptions } from "./svg";

import { layoutDefinition } from "./layout";
import { renderSvg, type SvgOptions } from "./svg";

/** A definition drawn as a self-contained SVG document. */
export async function definitionSvg(definition: unknown, options: SvgOptions = {}): Promise<string> {
  return renderSvg(await layoutDefinition(definition), options);
}
export { renderViewPage, type ViewPlaybook } from "./page";
export { readScenarioFile, viewRun, type StepRecord, type ViewRun } from "./runs";
export { viewPlaybooks, type ViewOptions } from "./collect";
