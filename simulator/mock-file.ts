/** The JSON mock file form (`--mocks FILE`): an array of mock entries, validated. */
import { SimulationError } from "./errors";
import { normalizeMocks } from "./mocks";
import type { Mock } from "./types";

/** Validate parsed JSON as a mock list; throws `SimulationError` (code `InvalidMock`) naming the bad entry. */
export function parseMockFile(json: unknown): Mock[] {
  if (!Array.isArray(json)) {
    throw new SimulationError(
      "InvalidMock",
      'A mock file must hold a JSON array such as [{"connector":"wdatp","method":"post","path":"/api/machines/{id}/isolate","response":{"status":201,"body":{}}}].',
    );
  }
  const mocks = json as Mock[];
  normalizeMocks(mocks);
  return mocks;
}
