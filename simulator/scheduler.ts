/**
 * The simulated clock's event queue. Every start of an action and every end of one that takes simulated time is a
 * task; tasks run in time order, and at one instant in depth-first definition order (the `key`: the action's
 * position in the plan, prefixed by the loop iterations it sits in). So branches and iterations that take no time
 * run exactly as a depth-first walk would, and work that takes time interleaves as it would on the service — in a
 * fixed, reproducible order.
 */

/** Order of tasks at one instant: lexicographic over loop positions, iteration indexes and action positions. */
export type TaskKey = readonly number[];

interface Task {
  at: number;
  key: TaskKey;
  seq: number;
  run: () => void;
}

function before(a: Task, b: Task): boolean {
  if (a.at !== b.at) return a.at < b.at;
  const n = Math.min(a.key.length, b.key.length);
  for (let i = 0; i < n; i++) if (a.key[i] !== b.key[i]) return a.key[i]! < b.key[i]!;
  if (a.key.length !== b.key.length) return a.key.length < b.key.length;
  return a.seq < b.seq;
}

/** A binary min-heap of tasks. */
export class Scheduler {
  private readonly heap: Task[] = [];
  private seq = 0;

  /** Queue `run` at simulated time `at`. */
  push(at: number, key: TaskKey, run: () => void): void {
    const heap = this.heap;
    const task: Task = { at, key, seq: this.seq++, run };
    let i = heap.length;
    heap.push(task);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(task, heap[parent]!)) break;
      heap[i] = heap[parent]!;
      i = parent;
    }
    heap[i] = task;
  }

  /** Run tasks until none is left; `onTime` sees each task's time first (the run's clock). */
  drain(onTime: (at: number) => void): void {
    const heap = this.heap;
    while (heap.length) {
      const top = heap[0]!;
      const last = heap.pop()!;
      if (heap.length) {
        let i = 0;
        for (;;) {
          const l = 2 * i + 1;
          if (l >= heap.length) break;
          const r = l + 1;
          const c = r < heap.length && before(heap[r]!, heap[l]!) ? r : l;
          if (!before(heap[c]!, last)) break;
          heap[i] = heap[c]!;
          i = c;
        }
        heap[i] = last;
      }
      onTime(top.at);
      top.run();
    }
  }
}
