/**
 * Seeded randomness for the demo fleet. Every number is a pure function of a key (seed, service, metric, time…),
 * so the same question always gets the same answer and tests can assert on values. xmur3 turns the key into a
 * 32-bit seed and mulberry32 draws from it; both are small public-domain generators with good enough spread.
 */
function xmur3(text: string): number {
  let h = 1779033703 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  h = Math.imul(h ^ (h >>> 16), 2246822507);
  h = Math.imul(h ^ (h >>> 13), 3266489909);
  return (h ^ (h >>> 16)) >>> 0;
}

function mulberry32(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type KeyPart = string | number;

/** A sequence of uniform numbers in [0, 1) determined by the key. */
export function randomStream(...key: KeyPart[]): () => number {
  return mulberry32(xmur3(key.join('|')));
}

/** One uniform number in [0, 1) determined by the key. */
export function unitRandom(...key: KeyPart[]): number {
  return randomStream(...key)();
}

/** Uniform in [min, max) determined by the key. */
export function between(min: number, max: number, ...key: KeyPart[]): number {
  return min + (max - min) * unitRandom(...key);
}
