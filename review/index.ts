/** Reviewing a change: the semantic diff of two builds and its text, JSON and Markdown reports. */
export * from "./build-set";
export * from "./diff";
export { diffDiagram, mergedDefinition } from "./diff-diagram";
export { formatDiffMarkdown } from "./format-markdown";
export { formatDiffText } from "./format-text";
export { kindOf, type StepKind } from "./operation-of";
export { defaultBase, resolveBuild, type ResolveOptions } from "./sources";
export { stepsOf, type Step } from "./steps";
