/**
 * Choice points: everything exploration varies (a parameter value, a call's outcome, a field of a generated
 * body) is one `choose(key, alternatives)` as the run reaches it, so only what a run actually reaches is varied.
 * The explorer walks the tree of choices depth first (each run replays a prefix and takes the first alternative
 * beyond it); alternative 0 is always the default, so the first runs are the plainest ones. A `data` choice (a
 * value that does not steer the run) may deviate from its default only `maxDeviations` times per run: the others
 * are pruned (counted once, where the tree node is first reached).
 *
 * Loop iterations are explored as independent: with one item, the iteration gets every alternative; once a run
 * iterates several items (a control array generated with two or more), the choices made inside loops — and a
 * call's second or later ordinal anywhere — may deviate from their defaults only `maxLater` times per run. So one
 * iteration can fail while the others succeed, each way a single iteration can end is explored in the one-item
 * runs, and the product over all iterations is not.
 */

/** Whether a choice steers the run (`control`: explored fully) or only feeds values (`data`: bounded deviations). */
export type ChoiceKind = "control" | "data";

/** One choice made in a run. */
export interface Choice {
  readonly key: string;
  readonly value: number;
  /** Alternatives offered (after pruning). */
  readonly arity: number;
  readonly kind: ChoiceKind;
  /** What the chosen alternative means, for messages (`404`, `missing`, `High`). */
  readonly label: string;
}

/** Makes the choices of one run: positionally from a prefix (exploration) or by key (shrinking, replay). */
export class Chooser {
  readonly trail: Choice[] = [];
  /** Alternatives pruned at tree nodes this run reached first. */
  pruned = 0;
  private deviations = 0;
  private later = 0;
  private tail = false;
  /** Set when the run iterates several items (see above). */
  several = false;
  /** Actions inside a Foreach or Until: their choices are iteration choices. */
  loopActions: ReadonlySet<string> = new Set();
  private readonly byKey = new Map<string, number>();

  constructor(
    private readonly prefix: readonly number[],
    private readonly keyed: ReadonlyMap<string, number> | undefined,
    private readonly maxDeviations: number,
    private readonly maxLater = 1,
  ) {}

  /** Pick one of `labels` (index 0 is the default) for the point `key`; the same key in one run answers the same. */
  choose(key: string, labels: readonly string[], kind: ChoiceKind): number {
    const earlier = this.byKey.get(key);
    if (earlier !== undefined) return earlier;
    let arity = labels.length;
    let value: number;
    if (this.keyed) {
      value = Math.min(this.keyed.get(key) ?? 0, arity - 1);
    } else {
      const position = this.trail.length;
      // After a data deviation the run keeps every later choice at its default: a value that does not steer is
      // checked where the run first reaches it, not once per continuation.
      const bounded =
        this.tail ||
        (kind === "data" && this.deviations >= this.maxDeviations) ||
        (this.isLater(key) && this.later >= this.maxLater) ||
        isBeyondSecondCall(key);
      if (bounded && arity > 1) {
        // Beyond a deviation bound only the default remains; count the cut once, where the node is new.
        if (position >= this.prefix.length) this.pruned += arity - 1;
        arity = 1;
      }
      value = position < this.prefix.length ? Math.min(this.prefix[position]!, arity - 1) : 0;
    }
    if (kind === "data" && value !== 0) {
      this.deviations++;
      this.tail = true;
    }
    if (value !== 0 && this.isLater(key)) this.later++;
    this.byKey.set(key, value);
    this.trail.push({ key, value, arity, kind, label: labels[value]! });
    return value;
  }

  /** An iteration choice: a call's ordinal above 0 (`X#2:…`), a later array element, or any choice of a loop's action once the run iterates several items. */
  private isLater(key: string): boolean {
    if (/#[1-9]\d*[:[]|\[[1-9]\d*\]/.test(key)) return true;
    const hash = key.indexOf("#");
    return this.several && hash > 0 && this.loopActions.has(key.slice(0, hash));
  }

  /** The non-default choices, by key (what a counterexample varies). */
  deviationsByKey(): Map<string, number> {
    return new Map(this.trail.filter((c) => c.value !== 0).map((c) => [c.key, c.value]));
  }
}

/**
 * A call's third or later ordinal (`X#2:…`, `X#3:…`) always answers its default. UNCONFIRMED as an equivalence: a
 * later call of the same action in a loop sees the same definition again, so the ways it can end are explored at
 * the first and second call; varying every later one multiplies the runs by the loop's length (an Until polling a
 * machine action up to 60 times) without a new path.
 */
function isBeyondSecondCall(key: string): boolean {
  return /#([2-9]|[1-9]\d+)[:[]/.test(key);
}

/** The prefix of the next run in depth-first order after a run that made `trail`, or undefined when done. */
export function nextPrefix(trail: readonly Choice[]): number[] | undefined {
  let j = trail.length - 1;
  while (j >= 0 && trail[j]!.value + 1 >= trail[j]!.arity) j--;
  if (j < 0) return undefined;
  return [...trail.slice(0, j).map((c) => c.value), trail[j]!.value + 1];
}
