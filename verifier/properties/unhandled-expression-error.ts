import { handled } from "./handled";
import type { Property } from "../run";

/** An expression fails (InvalidTemplate) and no action runs after the failure to handle it. */
export const unhandledExpressionError: Property = {
  code: "unhandled-expression-error",
  check(run) {
    for (const [name, record] of Object.entries(run.record.actions)) {
      if (record.code !== "InvalidTemplate" || handled(run, name)) continue;
      return { action: name, message: `'${name}' failed evaluating an expression and nothing handles it: ${record.error?.message ?? ""}` };
    }
    return undefined;
  },
};
