/**
 * Choice points: everything exploration varies (a parameter value, a call's outcome, a field of a generated
 * body) is one `choose(key, alternatives)` as the run reaches it, so only what a run actually reaches is varied.
 * The explorer walks the tree of choices depth first (each run replays a prefix and takes the first alternative
 * beyond it); alternative 0 is always the default, so the first runs are the plainest ones. A `data` choice (a
 * value that does not steer the run) may deviate from its default only `maxDeviations` times per run: the others
 * are pruned (counted once, where the tree node is first reached).
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
  private readonly byKey = new Map<string, number>();

  constructor(
    private readonly prefix: readonly number[],
    private readonly keyed: ReadonlyMap<string, number> | undefined,
    private readonly maxDeviations: number,
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
      if (kind === "data" && this.deviations >= this.maxDeviations && arity > 1) {
        // Beyond the deviation bound only the default remains; count the cut once, where the node is new.
        if (position >= this.prefix.length) this.pruned += arity - 1;
        arity = 1;
      }
      value = position < this.prefix.length ? Math.min(this.prefix[position]!, arity - 1) : 0;
    }
    if (kind === "data" && value !== 0) this.deviations++;
    this.byKey.set(key, value);
    this.trail.push({ key, value, arity, kind, label: labels[value]! });
    return value;
  }

  /** The non-default choices, by key (what a counterexample varies). */
  deviationsByKey(): Map<string, number> {
    return new Map(this.trail.filter((c) => c.value !== 0).map((c) => [c.key, c.value]));
  }
}

/** The prefix of the next run in depth-first order after a run that made `trail`, or undefined when done. */
export function nextPrefix(trail: readonly Choice[]): number[] | undefined {
  let j = trail.length - 1;
  while (j >= 0 && trail[j]!.value + 1 >= trail[j]!.arity) j--;
  if (j < 0) return undefined;
  return [...trail.slice(0, j).map((c) => c.value), trail[j]!.value + 1];
}
