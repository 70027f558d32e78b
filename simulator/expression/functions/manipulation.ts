/** JSON and XML manipulation: addProperty, setProperty, removeProperty, coalesce, xpath. */
import { setKey } from "../../../wdl/walk";
import { invalidArgument } from "../errors";
import { evaluateXPath } from "../xml";
import { asBinary, toPlain } from "../values";
import { obj, str, typeError, type FunctionTable } from "./types";

export const manipulationFunctions: FunctionTable = {
  addProperty: {
    eager: (a, _c, s) => {
      const target = obj(s, a, 0);
      const name = str(s, a, 1);
      if (Object.prototype.hasOwnProperty.call(target, name)) {
        throw invalidArgument(s.name, `cannot add the property '${name}': the object already has it. Use 'setProperty' to change an existing property.`);
      }
      const out: Record<string, unknown> = { ...target };
      setKey(out, name, toPlain(a[2]));
      return out;
    },
  },
  setProperty: {
    eager: (a, _c, s) => {
      const target = obj(s, a, 0);
      const out: Record<string, unknown> = { ...target };
      setKey(out, str(s, a, 1), toPlain(a[2]));
      return out;
    },
  },
  removeProperty: {
    eager: (a, _c, s) => {
      const target = obj(s, a, 0);
      const name = str(s, a, 1);
      if (!Object.prototype.hasOwnProperty.call(target, name)) return target;
      const { [name]: _removed, ...rest } = target;
      return rest;
    },
  },
  coalesce: {
    lazy: (args) => {
      for (const arg of args) {
        const value = arg();
        if (value !== null && value !== undefined) return value;
      }
      return null;
    },
  },
  xpath: {
    eager: (a, _c, s) => {
      const source = a[0];
      const bin = asBinary(source);
      const text = bin ? bin.text() : typeof source === "string" ? source : undefined;
      if (text === undefined) throw typeError(s, 0, "XML (from the xml() function) or an XML string", source);
      return evaluateXPath(s, text, str(s, a, 1));
    },
  },
};
