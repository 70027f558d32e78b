/** Data actions: Compose, ParseJson, Query, Select, Table, Join, Response, and Expression (date/time kinds). */
import { ast, type Expr } from "../../wdl/expression/ast";
import { isObject, type Obj } from "../../wdl/walk";
import { compileValue, type Compiled } from "../compile";
import { EvaluationError, evaluateTemplate } from "../expression/evaluate";
import type { ActionPlan } from "../plan";
import { validateSchema } from "../schema";
import { ActionRun, register, type Frame } from "../state";
import { autoColumns, cellText, renderCsv, renderHtml } from "../table";
import { statusName } from "../retry";

register(["compose"], (a, frame, start) => {
  const value = a.inputs ? a.inputs(frame) : undefined;
  return new ActionRun(a, "Succeeded", start, start).setInputs(value).setOutputs(value);
});

function inputsObject(a: ActionPlan, frame: Frame): Obj {
  const inputs = a.inputs ? a.inputs(frame) : undefined;
  if (!isObject(inputs)) throw new EvaluationError("InvalidTemplate", `The inputs of action '${a.name}' must be an object.`);
  return inputs;
}

register(["parsejson"], (a, frame, start) => {
  const inputs = inputsObject(a, frame);
  const r = new ActionRun(a, "Succeeded", start, start).setInputs(inputs);
  let content = inputs.content;
  if (typeof content === "string") {
    try {
      content = JSON.parse(content);
    } catch (error) {
      return r.fail("InvalidJSON", `Parse JSON '${a.name}': the content is not valid JSON (${(error as Error).message}).`);
    }
  }
  const problems = validateSchema(content, inputs.schema);
  r.setOutputs({ body: content });
  if (problems.length) {
    return r.fail("ValidationFailed", `The schema validation failed. ${problems.join(" ")}`);
  }
  return r;
});

/** Parts of an action's inputs compiled on their own (`from`, `where`, `select`, columns), once per action. */
const parts = new WeakMap<ActionPlan, Map<string, Compiled>>();

function part(a: ActionPlan, key: string, build: () => Compiled): Compiled {
  let map = parts.get(a);
  if (!map) parts.set(a, (map = new Map()));
  let hit = map.get(key);
  if (!hit) {
    hit = build();
    map.set(key, hit);
  }
  return hit;
}

function rawInputs(a: ActionPlan): Obj {
  return isObject(a.raw.inputs) ? a.raw.inputs : {};
}

/** Evaluate `from` (the only part of Query/Select/Table/Join inputs evaluated up front) and check it is an array. */
function fromArray(a: ActionPlan, frame: Frame, what: string): unknown[] {
  const from = part(a, "from", () => compileValue(rawInputs(a).from))(frame);
  if (!Array.isArray(from)) {
    const type = from === null || from === undefined ? "Null" : Array.isArray(from) ? "Array" : typeof from === "object" ? "Object" : typeof from;
    throw new EvaluationError("InvalidTemplate", `The 'from' property value in the '${what}' action inputs is of type '${type}'. The value must be an array.`);
  }
  return from;
}

function perItemValue(a: ActionPlan, key: string): Compiled {
  return part(a, key, () => compileValue(rawInputs(a)[key]));
}

register(["query"], (a, frame, start) => {
  const from = fromArray(a, frame, "query");
  const where = perItemValue(a, "where");
  const out: unknown[] = [];
  from.forEach((item, i) => {
    const keep = where(frame.withItem(item, i));
    if (keep === true || (typeof keep === "string" && keep.toLowerCase() === "true")) out.push(item);
    else if (keep !== false && !(typeof keep === "string" && keep.toLowerCase() === "false")) {
      throw new EvaluationError("InvalidTemplate", `The 'where' of Query '${a.name}' must evaluate to a boolean for every item.`);
    }
  });
  return new ActionRun(a, "Succeeded", start, start).setInputs({ from, where: rawInputs(a).where }).setOutputs({ body: out });
});

register(["select"], (a, frame, start) => {
  const from = fromArray(a, frame, "select");
  const select = perItemValue(a, "select");
  const out = from.map((item, i) => select(frame.withItem(item, i)));
  return new ActionRun(a, "Succeeded", start, start).setInputs({ from, select: rawInputs(a).select }).setOutputs({ body: out });
});

register(["join"], (a, frame, start) => {
  const from = fromArray(a, frame, "join");
  const joinWith = perItemValue(a, "joinWith")(frame);
  if (typeof joinWith !== "string") throw new EvaluationError("InvalidTemplate", `The 'joinWith' of Join '${a.name}' must be a string.`);
  const text = from.map(cellText).join(joinWith);
  return new ActionRun(a, "Succeeded", start, start).setInputs({ from, joinWith }).setOutputs({ body: text });
});

register(["table"], (a, frame, start) => {
  const raw = rawInputs(a);
  const from = fromArray(a, frame, "table");
  const format = typeof raw.format === "string" ? raw.format.toUpperCase() : "";
  if (format !== "CSV" && format !== "HTML") throw new EvaluationError("InvalidTemplate", `The 'format' of Table '${a.name}' must be 'CSV' or 'HTML'.`);
  let headers: string[];
  let rows: string[][];
  if (Array.isArray(raw.columns) && raw.columns.length > 0) {
    const columns = raw.columns.filter(isObject);
    const values = columns.map((c, i) => part(a, `column${i}`, () => compileValue(c.value)));
    headers = columns.map((c) => cellText(c.header));
    rows = from.map((item, i) => {
      const itemFrame = frame.withItem(item, i);
      return values.map((v) => cellText(v(itemFrame)));
    });
  } else {
    headers = autoColumns(from);
    rows = from.map((item) => headers.map((h) => cellText(isObject(item) ? item[h] : undefined)));
  }
  const body = format === "CSV" ? renderCsv(headers, rows) : renderHtml(headers, rows);
  return new ActionRun(a, "Succeeded", start, start).setInputs({ from, format, ...(raw.columns !== undefined ? { columns: raw.columns } : {}) }).setOutputs({ body });
});

register(["response"], (a, frame, start) => {
  const inputs = inputsObject(a, frame);
  const raw = inputs.statusCode;
  const statusCode = typeof raw === "string" && /^\d+$/.test(raw) ? Number(raw) : raw;
  const r = new ActionRun(a, "Succeeded", start, start).setInputs(inputs);
  if (typeof statusCode !== "number" || !Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) {
    return r.fail("InvalidTemplate", `The 'statusCode' of Response '${a.name}' must be an integer from 100 to 599.`);
  }
  // A request is answered once: a later Response has nothing to answer (issue 14; the code is the simulator's own).
  const answered = frame.run.respondedBy;
  if (answered !== undefined) {
    return r.fail("ResponseAlreadySent", `Response '${a.name}' cannot answer the request: Response '${answered}' already answered it.`);
  }
  frame.run.respondedBy = a.name;
  r.code = statusName(statusCode);
  return r.setOutputs({ statusCode, headers: isObject(inputs.headers) ? inputs.headers : {}, body: inputs.body });
});

function literal(value: unknown): Expr {
  if (typeof value === "string") return ast.str(value);
  if (typeof value === "number") return Number.isInteger(value) ? ast.int(value) : ast.float(value);
  if (typeof value === "boolean") return ast.bool(value);
  if (value === null || value === undefined) return ast.null();
  throw new EvaluationError("InvalidTemplate", "Expression action inputs must be strings or numbers.");
}

/** `type: Expression` kinds, run through the matching built-in functions. */
const EXPRESSION_KINDS: Record<string, (inputs: Obj) => Expr> = {
  addtotime: (i) => ast.call("addToTime", literal(i.baseTime), literal(i.interval), literal(i.timeUnit)),
  subtractfromtime: (i) => ast.call("subtractFromTime", literal(i.baseTime), literal(i.interval), literal(i.timeUnit)),
  getfuturetime: (i) => ast.call("getFutureTime", literal(i.interval), literal(i.timeUnit)),
  getpasttime: (i) => ast.call("getPastTime", literal(i.interval), literal(i.timeUnit)),
  currenttime: () => ast.call("utcNow"),
  converttimezone: (i) =>
    i.formatString === undefined
      ? ast.call("convertTimeZone", literal(i.baseTime), literal(i.sourceTimeZone), literal(i.destinationTimeZone))
      : ast.call("convertTimeZone", literal(i.baseTime), literal(i.sourceTimeZone), literal(i.destinationTimeZone), literal(i.formatString)),
};

register(["expression"], (a, frame, start) => {
  const inputs = a.inputs ? a.inputs(frame) : {};
  const kind = typeof a.raw.kind === "string" ? a.raw.kind : "";
  const build = EXPRESSION_KINDS[kind.toLowerCase()];
  const r = new ActionRun(a, "Succeeded", start, start).setInputs(inputs);
  if (!build || !isObject(inputs)) return r.fail("UnsupportedActionType", `The simulator cannot run Expression kind '${kind}' (action '${a.name}').`);
  // Numeric strings (e.g. an ARM parameter default "5") are passed as numbers, as the designer stores them.
  const args: Obj = {};
  for (const [k, v] of Object.entries(inputs)) args[k] = k === "interval" && typeof v === "string" && /^-?\d+$/.test(v) ? Number(v) : v;
  const value = evaluateTemplate({ kind: "expression", expr: build(args) }, frame);
  return r.setOutputs({ body: value });
});
