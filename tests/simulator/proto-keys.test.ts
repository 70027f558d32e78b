/**
 * `__proto__` is an ordinary key in workflow JSON: an action may be named so, and objects built by expressions
 * may hold it. Assigning it to a plain object literal would set the prototype instead (and lose the key), so
 * every place that builds objects from input keys defines it as an own property.
 */
import { describe, expect, it } from "vitest";
import { normalizeDefinition } from "../../ops/normalize";
import { simulate } from "../../simulator";
import { createStaticContext, evaluateString, evaluateValue } from "../../simulator/expression/evaluate";

const ctx = createStaticContext({ parameters: { o: JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') } });
const ev = (e: string) => evaluateString(e, ctx) as Record<string, unknown>;
const own = (value: unknown, key = "__proto__") => Object.prototype.hasOwnProperty.call(value, key);

describe("__proto__ keys", () => {
  it("an action named __proto__ is in the run record (top level and inside a loop)", () => {
    // Built from JSON text, as the CLI reads files (an object literal would not create the key).
    const top = '{"triggers":{"manual":{"type":"Request","kind":"Http"}},"actions":{"__proto__":{"type":"Compose","inputs":"x","runAfter":{}}}}';
    const run = simulate(JSON.parse(top));
    expect(own(run.actions)).toBe(true);
    expect(run.action("__proto__").outputs).toBe("x");
    expect(JSON.parse(JSON.stringify(run)).actions.__proto__.status).toBe("Succeeded");
    expect(Object.getPrototypeOf(run.actions)).toBe(Object.prototype);
    const inLoop = '{"triggers":{"manual":{"type":"Request","kind":"Http"}},"actions":{"Loop":{"type":"Foreach","foreach":"@createArray(1)","runAfter":{},"actions":{"__proto__":{"type":"Compose","inputs":"@item()","runAfter":{}}}}}}';
    const looped = simulate(JSON.parse(inLoop));
    expect(own(looped.iterations("Loop")[0]!.actions)).toBe(true);
    expect(looped.action("__proto__").outputs).toBe(1);
  });

  it("inputs that hold a __proto__ key keep it (Compose, evaluated values)", () => {
    const definition = JSON.parse('{"triggers":{"manual":{"type":"Request","kind":"Http"}},"actions":{"C":{"type":"Compose","inputs":{"__proto__":"@{1}","b":2},"runAfter":{}}}}');
    const out = simulate(definition).action("C").outputs as Record<string, unknown>;
    expect(own(out)).toBe(true);
    expect(JSON.stringify(out)).toBe('{"__proto__":"1","b":2}');
    const value = evaluateValue(JSON.parse('{"__proto__":"@concat(\'a\')"}'), ctx) as Record<string, unknown>;
    expect(JSON.stringify(value)).toBe('{"__proto__":"a"}');
  });

  it("setProperty, addProperty and union keep a __proto__ key", () => {
    expect(JSON.stringify(ev("@setProperty(json('{}'), '__proto__', 1)"))).toBe('{"__proto__":1}');
    expect(JSON.stringify(ev("@addProperty(json('{\"a\":1}'), '__proto__', json('{\"x\":1}'))"))).toBe('{"a":1,"__proto__":{"x":1}}');
    expect(JSON.stringify(ev("@setProperty(parameters('o'), 'a', 2)"))).toBe('{"__proto__":{"polluted":true},"a":2}');
    expect(JSON.stringify(ev("@union(parameters('o'), json('{\"b\":1}'))"))).toBe('{"__proto__":{"polluted":true},"a":1,"b":1}');
    expect(JSON.stringify(ev("@intersection(parameters('o'), parameters('o'))"))).toBe('{"__proto__":{"polluted":true},"a":1}');
    expect(ev("@parameters('o')?['__proto__']?['polluted']")).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("Select keeps a __proto__ key of its select map", () => {
    const definition = JSON.parse('{"triggers":{"manual":{"type":"Request","kind":"Http"}},"actions":{"S":{"type":"Select","inputs":{"from":"@createArray(1,2)","select":{"__proto__":"@item()"}},"runAfter":{}}}}');
    const body = (simulate(definition).action("S").outputs as { body: unknown }).body;
    expect(JSON.stringify(body)).toBe('[{"__proto__":1},{"__proto__":2}]');
  });

  it("json(xml(...)) keeps an element named __proto__; drift normalisation keeps such an action", () => {
    expect(JSON.stringify(ev("@json(xml('<r><__proto__>1</__proto__></r>'))"))).toBe('{"r":{"__proto__":"1"}}');
    const deployed = JSON.parse('{"actions":{"__proto__":{"type":"Compose","inputs":1,"runAfter":{}}}}');
    expect(JSON.stringify(normalizeDefinition(deployed))).toContain('"__proto__":{"type":"Compose"');
  });
});
