/**
 * Reading a listing page by page under the operations limits: a `nextLink` seen before is a loop (a server that
 * links a page to itself would otherwise be asked forever), and a listing past the page or item cap stops with a
 * clear error instead of filling memory.
 */
import { getContinuationToken } from "@azure/arm-logic";
import { OpsLimitError, type OpsLimits } from "./limits";

/** Pages as the SDK's `list(…).byPage()` yields them. */
type Pages<T> = AsyncIterableIterator<T[]>;

function pathOf(link: string): string {
  try {
    return new URL(link).pathname;
  } catch {
    return JSON.stringify(link.slice(0, 200));
  }
}

/** Every item of a listing (or the first `stop` of them); `what` names it in errors ("the runs of w"). */
export async function collectPages<T>(pages: Pages<T>, limits: OpsLimits, what: string, stop = Number.POSITIVE_INFINITY): Promise<T[]> {
  const items: T[] = [];
  const seen = new Set<string>();
  let count = 0;
  try {
    for await (const page of pages) {
      count++;
      if (count > limits.maxPages) throw new OpsLimitError("too-many-pages", `listing ${what} passed ${limits.maxPages} pages; Azure Resource Manager kept sending a nextLink`);
      for (const item of page) {
        items.push(item);
        if (items.length >= stop) return items;
        if (items.length > limits.maxItems) throw new OpsLimitError("too-many-items", `listing ${what} passed ${limits.maxItems} items`);
      }
      const link = getContinuationToken(page);
      if (link === undefined) break;
      if (seen.has(link)) throw new OpsLimitError("repeated-next-link", `listing ${what}: Azure Resource Manager sent the nextLink ${pathOf(link)} a second time, so the listing would never end`);
      seen.add(link);
    }
  } finally {
    await pages.return?.();
  }
  return items;
}
