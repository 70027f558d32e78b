/**
 * XML for xml(), json(xml(…)) and xpath(), with @xmldom/xmldom and xpath (loaded on first use).
 * JSON ↔ XML follows Json.NET's conventions, which the service uses: attributes are "@name", text next to
 * attributes is "#text", repeated elements become arrays, the declaration is "?xml".
 */
import { setKey } from "../../wdl/walk";
import { EvaluationError } from "./errors";
import type { Site } from "./functions/types";
import { BinaryValue, isPlainObject, makeFloat, toPlain } from "./values";

type XmlDom = typeof import("@xmldom/xmldom");
type XPath = typeof import("xpath");
type XNode = import("@xmldom/xmldom").Node;
type XElement = import("@xmldom/xmldom").Element;
type XDocument = import("@xmldom/xmldom").Document;

/** The content type of xml() results. */
export const XML_CONTENT_TYPE = "application/xml;charset=utf-8";

let dom: XmlDom | undefined;
function xmldom(): XmlDom {
  dom ??= require("@xmldom/xmldom") as XmlDom;
  return dom;
}

const NODE = { ELEMENT: 1, ATTRIBUTE: 2, TEXT: 3, CDATA: 4, PI: 7, COMMENT: 8, DOCUMENT: 9 } as const;

/** Parse XML text; a malformed document fails with the parser's reason. */
export function parseXml(site: Site, text: string): XDocument {
  let problem: string | undefined;
  const parser = new (xmldom().DOMParser)({
    onError: (level: string, message: string) => {
      if (level !== "warning") {
        problem ??= message;
        throw new Error(message);
      }
    },
  });
  try {
    const doc = parser.parseFromString(text, "text/xml");
    if (!doc.documentElement) throw new Error("missing root element");
    return doc;
  } catch (error) {
    const reason = problem ?? (error instanceof Error ? error.message : String(error));
    throw new EvaluationError("InvalidArgument", `The template language function '${site.name}' parameter is not valid. The provided value cannot be parsed as XML: ${reason}.`);
  }
}

/** xml('<a/>'): validate XML text and wrap it as XML content. */
export function xmlFromText(site: Site, text: string): BinaryValue {
  parseXml(site, text);
  return new BinaryValue(Buffer.from(text, "utf8"), XML_CONTENT_TYPE);
}

function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
function escapeAttr(text: string): string {
  return escapeText(text).replace(/"/g, "&quot;");
}

function scalarText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}

function validName(site: Site, name: string): string {
  if (!/^[A-Za-z_][\w.\-:]*$/.test(name)) {
    throw new EvaluationError("InvalidArgument", `The template language function '${site.name}' cannot convert the property '${name}' to XML: it is not a valid XML element name.`);
  }
  return name;
}

function elementXml(site: Site, name: string, value: unknown): string {
  if (Array.isArray(value)) return value.map((item) => elementXml(site, name, item)).join("");
  const tag = validName(site, name);
  if (value === null || value === undefined) return `<${tag} />`;
  if (!isPlainObject(value)) return `<${tag}>${escapeText(scalarText(value))}</${tag}>`;
  let attrs = "";
  let inner = "";
  for (const [key, child] of Object.entries(value)) {
    if (key.startsWith("@")) attrs += ` ${validName(site, key.slice(1))}="${escapeAttr(scalarText(child))}"`;
    else if (key === "#text") inner += escapeText(scalarText(child));
    else if (key === "#cdata-section") inner += `<![CDATA[${scalarText(child)}]]>`;
    else if (key === "#comment") inner += `<!--${scalarText(child)}-->`;
    else inner += elementXml(site, key, child);
  }
  return inner === "" ? `<${tag}${attrs} />` : `<${tag}${attrs}>${inner}</${tag}>`;
}

/** xml(json): a JSON object with a single root property (besides "?xml") → XML content. */
export function jsonToXml(site: Site, value: unknown): BinaryValue {
  if (!isPlainObject(value)) {
    throw new EvaluationError("InvalidArgument", `The template language function '${site.name}' expects a JSON object with a single root property; the provided value is not an object.`);
  }
  const keys = Object.keys(value).filter((k) => k !== "?xml" && k !== "$schema");
  if (keys.length !== 1 || Array.isArray(value[keys[0]!])) {
    throw new EvaluationError(
      "InvalidArgument",
      `The template language function '${site.name}' cannot convert the JSON to XML: JSON root object has ${keys.length === 1 ? "an array as its single property" : "multiple properties"}. The root object must have a single property in order to create a valid XML document.`,
    );
  }
  let declaration = "";
  const decl = value["?xml"];
  if (isPlainObject(decl)) {
    declaration = `<?xml${Object.entries(decl)
      .filter(([k]) => k.startsWith("@"))
      .map(([k, v]) => ` ${k.slice(1)}="${escapeAttr(scalarText(v))}"`)
      .join("")}?>`;
  }
  const text = declaration + elementXml(site, keys[0]!, value[keys[0]!]);
  return xmlFromText(site, text);
}

/** Json.NET's SerializeXmlNode shape for one element. */
function elementToJson(element: XElement): unknown {
  const out: Record<string, unknown> = {};
  for (let i = 0; i < element.attributes.length; i++) {
    const attr = element.attributes.item(i)!;
    out[`@${attr.name}`] = attr.value;
  }
  const texts: string[] = [];
  const cdata: string[] = [];
  let hasChildElements = false;
  const repeated = new Set<string>();
  for (let child = element.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === NODE.ELEMENT) {
      hasChildElements = true;
      const name = (child as XElement).nodeName;
      const value = elementToJson(child as XElement);
      if (Object.prototype.hasOwnProperty.call(out, name)) {
        if (!repeated.has(name)) {
          setKey(out, name, [out[name]]);
          repeated.add(name);
        }
        (out[name] as unknown[]).push(value);
      } else setKey(out, name, value);
    } else if (child.nodeType === NODE.TEXT) {
      if ((child.nodeValue ?? "").trim() !== "") texts.push(child.nodeValue ?? "");
    } else if (child.nodeType === NODE.CDATA) cdata.push(child.nodeValue ?? "");
  }
  const hasAttributes = element.attributes.length > 0;
  if (!hasAttributes && !hasChildElements && cdata.length === 0) return texts.length === 0 ? null : texts.join("");
  if (texts.length) out["#text"] = texts.length === 1 ? texts[0] : texts;
  if (cdata.length) out["#cdata-section"] = cdata.length === 1 ? cdata[0] : cdata;
  return out;
}

/** json(xml(…)): the document as Json.NET serialises it. */
export function xmlToJson(site: Site, text: string): Record<string, unknown> {
  const doc = parseXml(site, text);
  const out: Record<string, unknown> = {};
  for (let node = doc.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === NODE.PI && node.nodeName === "xml") {
      const decl: Record<string, unknown> = {};
      for (const m of (node.nodeValue ?? "").matchAll(/([\w:-]+)\s*=\s*(["'])(.*?)\2/g)) decl[`@${m[1]}`] = m[3];
      out["?xml"] = decl;
    } else if (node.nodeType === NODE.ELEMENT) {
      setKey(out, node.nodeName, elementToJson(node as XElement));
    }
  }
  return out;
}

/**
 * Node visits one xpath() call may make. Real queries on real bodies need a few times the document's size; a
 * query that rescans the document per node (`//*[count(//*) > 0]`) needs its square and is stopped here.
 */
export const XPATH_NODE_BUDGET = 1_000_000;

/** Work charged to the xpath() call in progress (steps are synchronous, so one counter serves), and node facts. */
const work = { left: Infinity, sizes: new WeakMap<object, number>(), order: new WeakMap<object, number>(), documentSize: 0 };

class XPathBudgetExceeded extends Error {}

/** An element's attributes (other nodes have none). */
function attributesOf(node: XNode): XElement["attributes"] | undefined {
  return (node as XElement).attributes ?? undefined;
}

/** Document order and subtree size (itself and its attributes included) of every node, without recursion. */
function measure(doc: XDocument): void {
  work.sizes = new WeakMap();
  work.order = new WeakMap();
  const preorder: XNode[] = [];
  const stack: XNode[] = [doc as unknown as XNode];
  while (stack.length) {
    const node = stack.pop()!;
    const index = preorder.length;
    work.order.set(node, index);
    preorder.push(node);
    const attributes = attributesOf(node);
    // Attributes come after their element and before its children in document order.
    if (attributes) for (let i = 0; i < attributes.length; i++) work.order.set(attributes.item(i)!, index + (i + 1) / (attributes.length + 1));
    for (let c = node.lastChild; c; c = c.previousSibling) stack.push(c);
  }
  for (let i = preorder.length - 1; i >= 0; i--) {
    const node = preorder[i]!;
    let size = 1 + (attributesOf(node)?.length ?? 0);
    for (let c = node.firstChild; c; c = c.nextSibling) size += work.sizes.get(c) ?? 1;
    work.sizes.set(node, size);
  }
  work.documentSize = work.sizes.get(doc) ?? preorder.length;
}

/**
 * `compareDocumentPosition` from the precomputed order. The xpath library sorts every node-set with it, and
 * xmldom's own scans sibling lists, which made a positional predicate over 2,000 siblings take seconds.
 */
function fastCompare(original: (this: XNode, other: XNode) => number) {
  return function (this: XNode, other: XNode): number {
    const a = work.order.get(this);
    const b = work.order.get(other);
    if (a === undefined || b === undefined) return original.call(this, other);
    if (a === b) return 0;
    return b < a ? 0x02 /* PRECEDING */ : 0x04 /* FOLLOWING */;
  };
}

/** What one location step costs from one context node: the nodes its axis scans (the xpath library's step switch). */
function stepCost(axis: number, node: XNode): number {
  switch (axis) {
    case 2: // attribute
      return 1 + (attributesOf(node)?.length ?? 0);
    case 3: // child
      return 1 + (node.childNodes?.length ?? 0);
    case 4: // descendant
    case 5: // descendant-or-self
      return work.sizes.get(node) ?? 1;
    case 6: // following
    case 10: // preceding
      return work.documentSize;
    case 7: // following-sibling
    case 11: // preceding-sibling
      return 1 + (node.parentNode?.childNodes?.length ?? 0);
    default: // ancestor, parent, self, namespace: a path to the root at most
      return 16;
  }
}

let xp: XPath | undefined;

/** The xpath library, with every location step charged to the budget of the call in progress. */
function xpathLibrary(): XPath {
  if (xp) return xp;
  xp = require("xpath") as XPath;
  const pathExpr = (xp as unknown as { PathExpr: { applyStep: (step: { axis: number }, xpc: unknown, node: XNode) => unknown } }).PathExpr;
  const applyStep = pathExpr.applyStep;
  pathExpr.applyStep = function (step, xpc, node) {
    if (node) {
      work.left -= stepCost(step.axis, node);
      if (work.left < 0) throw new XPathBudgetExceeded();
    }
    return applyStep.call(this, step, xpc, node);
  };
  return xp;
}

/** xpath(xml, expression): node-sets become arrays (elements as XML content, attributes and text as strings). */
export function evaluateXPath(site: Site, xmlText: string, expression: string): unknown {
  const doc = parseXml(site, xmlText);
  const lib = xpathLibrary();
  const nodeProto = xmldom().Node.prototype as unknown as { compareDocumentPosition: (this: XNode, other: XNode) => number };
  const original = nodeProto.compareDocumentPosition;
  let result: unknown;
  try {
    measure(doc);
    work.left = XPATH_NODE_BUDGET;
    nodeProto.compareDocumentPosition = fastCompare(original);
    result = lib.select(expression, doc as unknown as Node);
  } catch (error) {
    if (error instanceof XPathBudgetExceeded) {
      throw new EvaluationError(
        "LimitExceeded",
        `The template language function '${site.name}' stopped evaluating '${expression}': it needs more than ${XPATH_NODE_BUDGET.toLocaleString("en-US")} node visits on this ${work.documentSize.toLocaleString("en-US")}-node document (the simulator's bound). Avoid absolute paths such as '//x' inside predicates.`,
      );
    }
    throw new EvaluationError(
      "InvalidArgument",
      `The template language function '${site.name}' was given the XPath expression '${expression}', which is not valid: ${error instanceof Error ? error.message : String(error)}.`,
    );
  } finally {
    nodeProto.compareDocumentPosition = original;
    work.left = Infinity;
  }
  if (typeof result === "number") return toPlain(Number.isInteger(result) ? result : makeFloat(result));
  if (typeof result === "string" || typeof result === "boolean") return result;
  const serializer = new (xmldom().XMLSerializer)();
  return (result as unknown as XNode[]).map((node) => {
    switch (node.nodeType) {
      case NODE.ATTRIBUTE:
      case NODE.TEXT:
      case NODE.CDATA:
      case NODE.COMMENT:
        return node.nodeValue ?? "";
      default:
        return new BinaryValue(Buffer.from(serializer.serializeToString(node), "utf8"), XML_CONTENT_TYPE).envelope();
    }
  });
}
