/** Seeded randomness for simulated runs: same seed, same GUIDs, random numbers and run ids. */

/** A string or number seed folded to 32 bits (FNV-1a for strings). */
export function seedOf(seed: number | string | undefined): number {
  if (seed === undefined) return 1;
  if (typeof seed === "number") return seed >>> 0;
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: a small, fast deterministic generator of numbers in [0, 1). */
export function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HEX = "0123456789abcdef";

/** A version-4-shaped GUID drawn from `random`. */
export function randomGuid(random: () => number): string {
  let out = "";
  for (let i = 0; i < 32; i++) {
    let d = Math.floor(random() * 16);
    if (i === 12) d = 4;
    else if (i === 16) d = (d & 0x3) | 0x8;
    out += HEX[d];
    if (i === 7 || i === 11 || i === 15 || i === 19) out += "-";
  }
  return out;
}

/** A run name shaped like the service's (`08584…CU00`): 20 digits then `CU` and two digits. */
export function randomRunName(random: () => number): string {
  let digits = "0858";
  for (let i = 0; i < 16; i++) digits += Math.floor(random() * 10).toString();
  return `${digits}CU${Math.floor(random() * 100).toString().padStart(2, "0")}`;
}
