/**
 * Random mutations of real documents, for the fuzz test (10^4 cases) and `npm run bench` (10^5 cases).
 * Test and bench code only: it imports fast-check, a devDependency. `validate` itself never loads it.
 */
import fc from "fast-check";
import { resolvePointer } from "../wdl/pointer";
import { isObject } from "../wdl/walk";
import { validateDocument } from "./index";
import { RULES } from "./rules";

/** One mutation: which node (by index into the base document's node list) and what to do to it. */
export type Mutation =
  | { op: "replace"; at: number; value: unknown }
  | { op: "delete"; at: number }
  | { op: "rename"; at: number; name: string }
  | { op: "copy"; at: number; to: number }
  | { op: "wrap"; at: number; key: string };

/** A base document with the paths of all its nodes (computed once). */
export interface FuzzBase {
  doc: unknown;
  paths: (string | number)[][];
}

/** Prepare base documents: every node path, parents before children. */
export function fuzzBases(docs: unknown[]): FuzzBase[] {
  return docs.map((doc) => {
    const paths: (string | number)[][] = [];
    const walk = (value: unknown, path: (string | number)[]) => {
      paths.push(path);
      if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i]));
      else if (isObject(value)) for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
    };
    walk(doc, []);
    return { doc, paths };
  });
}

const FRAGMENTS = [
  "@", "@@", "@{", "}", "'", "''", "(", ")", "[", "]", "?", ".", ",", " ", "[[", "[concat('a', '@{b}')]",
  "body('", "outputs('", "items('", "variables('", "parameters('", "result('", "actions('", "iterationIndexes('",
  "triggerBody()", "trigger()", "concat(", "encodeURIComponent(", "equals(", "if(", "coalesce(", "nope(",
  "For_each", "Condition", "HTTP", "Compose", "$connections", "wdatp", "Succeeded", "FAILED", "Skipped", "Bogus",
  "Bearer abcdefghijkl", "http://x", "https://x", "client_secret=s3cr3t&", "managedApis/wdatp", "ManagedServiceIdentity",
  "Foreach", "Until", "If", "Switch", "Scope", "Terminate", "Response", "InitializeVariable", "wait", "Http",
  "<", "%", "/", "\u0001", "~", "~1", "x".repeat(90), "@".repeat(3), "{", "\"",
];

/** Strings that look like workflow language (expressions, names, statuses, ARM values). */
const wdlString = fc.array(fc.constantFrom(...FRAGMENTS), { minLength: 1, maxLength: 8 }).map((parts) => parts.join(""));

/** Values likely to hit rules: WDL-ish strings, runAfter maps, actions, plain JSON. */
const payload: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: wdlString },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(wdlString, fc.array(fc.constantFrom("Succeeded", "failed", "TIMEDOUT", "Nope"), { maxLength: 3 }), { maxKeys: 3 }) },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constantFrom("Http", "Foreach", "Until", "If", "Switch", "Scope", "Compose", "Terminate", "Response", "InitializeVariable", "SetVariable", "wait", "Nope"),
      inputs: fc.oneof(wdlString, fc.jsonValue({ maxDepth: 2 })),
      runAfter: fc.dictionary(wdlString, fc.constant(["Succeeded"]), { maxKeys: 2 }),
      actions: fc.constant({ Inner: { type: "Compose", inputs: "@body('Outer')" } }),
    }),
  },
);

/** A list of mutations of one base document. */
export function mutationsArbitrary(bases: FuzzBase[]): fc.Arbitrary<{ base: number; mutations: Mutation[] }> {
  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    { weight: 5, arbitrary: fc.record({ op: fc.constant("replace" as const), at: fc.nat(), value: payload }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant("delete" as const), at: fc.nat() }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant("rename" as const), at: fc.nat(), name: fc.oneof(wdlString, fc.string()) }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant("copy" as const), at: fc.nat(), to: fc.nat() }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant("wrap" as const), at: fc.nat(), key: fc.constantFrom("actions", "else", "cases", "runAfter", "inputs", "x") }) },
  );
  return fc.record({ base: fc.nat({ max: bases.length - 1 }), mutations: fc.array(mutation, { minLength: 1, maxLength: 4 }) });
}

/** Navigate to the parent of a path in a document; undefined when the path no longer exists. */
function parentOf(doc: unknown, path: (string | number)[]): { parent: Record<string, unknown> | unknown[]; key: string | number } | undefined {
  if (!path.length) return undefined;
  let node: unknown = doc;
  for (const token of path.slice(0, -1)) {
    if (Array.isArray(node) && typeof token === "number" && token < node.length) node = node[token];
    else if (isObject(node) && typeof token === "string" && Object.prototype.hasOwnProperty.call(node, token)) node = node[token];
    else return undefined;
  }
  const key = path[path.length - 1]!;
  if (Array.isArray(node) && typeof key === "number" && key < node.length) return { parent: node, key };
  if (isObject(node) && typeof key === "string" && Object.prototype.hasOwnProperty.call(node, key)) return { parent: node, key };
  return undefined;
}

function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Apply mutations to a copy of the base document. */
export function applyMutations(base: FuzzBase, mutations: Mutation[]): unknown {
  let doc: unknown = structuredClone(base.doc);
  for (const m of mutations) {
    const path = base.paths[m.at % base.paths.length]!;
    const here = parentOf(doc, path);
    if (!here) {
      if (m.op === "replace" && path.length === 0) doc = structuredClone(m.value);
      continue;
    }
    const { parent, key } = here;
    const current = Array.isArray(parent) ? parent[key as number] : parent[key as string];
    if (m.op === "replace") {
      if (Array.isArray(parent)) parent[key as number] = structuredClone(m.value);
      else setOwn(parent, key as string, structuredClone(m.value));
    } else if (m.op === "delete") {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key as string];
    } else if (m.op === "rename" && !Array.isArray(parent)) {
      delete parent[key as string];
      setOwn(parent, m.name, current);
    } else if (m.op === "copy") {
      const target = parentOf(doc, base.paths[m.to % base.paths.length]!);
      if (target && !Array.isArray(target.parent)) setOwn(target.parent, `${String(target.key)}_copy`, structuredClone(current));
    } else if (m.op === "wrap") {
      const wrapped = { [m.key]: current };
      if (Array.isArray(parent)) parent[key as number] = wrapped;
      else setOwn(parent, key as string, wrapped);
    }
  }
  return doc;
}

const CODES = new Set(RULES.map((r) => r.code));

/** Validate one mutated document and describe any contract breach (undefined when all is well). */
export function checkContract(doc: unknown): string | undefined {
  let report;
  try {
    report = validateDocument(doc);
  } catch (error) {
    return `validateDocument threw: ${error instanceof Error ? error.stack : String(error)}`;
  }
  for (const w of report.workflows) {
    for (const d of w.diagnostics) {
      if (d.code === "internal-error") return `internal-error: ${d.message}`;
      if (!CODES.has(d.code)) return `uncatalogued code ${d.code}`;
      if (d.severity !== "error" && d.severity !== "warning") return `bad severity ${String(d.severity)}`;
      if (typeof d.message !== "string" || !d.message) return `empty message for ${d.code}`;
      let found;
      try {
        found = resolvePointer(doc, d.pointer);
      } catch (error) {
        return `malformed pointer ${JSON.stringify(d.pointer)} (${d.code}): ${String(error)}`;
      }
      if (!found.found) return `pointer ${JSON.stringify(d.pointer)} of ${d.code} does not resolve`;
    }
  }
  return undefined;
}
