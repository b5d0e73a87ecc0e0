/** Seeded draws (mulberry32), so the same plan and seed build the same archive byte for byte. */
export interface Draw {
  pick: () => number;
  one: <T>(items: readonly T[]) => T;
  int: (min: number, max: number) => number;
}

export function draw(seed: number): Draw {
  let a = seed >>> 0;
  const pick = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    pick,
    one: <T>(items: readonly T[]): T => items[Math.floor(pick() * items.length)] as T,
    int: (min, max) => min + Math.floor(pick() * (max - min + 1)),
  };
}

export function hashSeed(text: string, seed: number): number {
  let h = 2166136261 ^ seed;
  for (const c of text) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  return h;
}
