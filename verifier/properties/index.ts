/** The built-in properties, checked on every explored run. */
import type { Property } from "../run";
import { auditDestructive } from "./audit-destructive";
import { destructiveNotReported } from "./destructive-not-reported";
import { duplicateDestructive } from "./duplicate-destructive";
import { excludedTarget } from "./excluded-target";
import { failureNotReported } from "./failure-not-reported";
import { unhandledExpressionError } from "./unhandled-expression-error";

/** Every built-in property, in report order. */
export const BUILTIN_PROPERTIES: readonly Property[] = [unhandledExpressionError, destructiveNotReported, failureNotReported, duplicateDestructive, excludedTarget, auditDestructive];
