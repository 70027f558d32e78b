/** The implementation of every catalogued function (`wdl/functions.ts`), keyed by catalogue name. */
import { collectionFunctions } from "./collection";
import { conversionFunctions } from "./conversion";
import { datetimeFunctions } from "./datetime";
import { logicalFunctions } from "./logical";
import { manipulationFunctions } from "./manipulation";
import { mathFunctions } from "./math";
import { stringFunctions } from "./string";
import type { FunctionTable } from "./types";
import { uriFunctions } from "./uri";
import { workflowFunctions } from "./workflow";

export const FUNCTION_TABLE: FunctionTable = {
  ...stringFunctions,
  ...collectionFunctions,
  ...logicalFunctions,
  ...conversionFunctions,
  ...mathFunctions,
  ...datetimeFunctions,
  ...workflowFunctions,
  ...uriFunctions,
  ...manipulationFunctions,
};
