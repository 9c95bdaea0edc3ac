/**
 * Seeded randomness for the demo fleet. Every number is a pure function of a key (seed, service, metric, time…),
 * so the same question always gets the same answer and tests can assert on values. xmur3 turns a text key into a
 * 32-bit hash and mulberry32 draws from it; both are small public-domain generators with good enough spread. For
 * the hot path (one draw per sample) a precomputed key hash is mixed with the timestamp by murmur3's finaliser,
 * which avoids building a string per sample.
 */
function xmur3(text: string): number {
  let h = 1779033703 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  return fmix32(h);
}

function fmix32(input: number): number {
  let h = input;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
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

/** A 32-bit hash of the key, to be mixed with numbers by `unitAt`. */
export function keyHash(...key: KeyPart[]): number {
  return xmur3(key.join('|'));
}

/** Uniform in [0, 1) for (key hash, integer n); n may exceed 32 bits (epoch milliseconds do). */
export function unitAt(hash: number, n: number): number {
  const low = n >>> 0;
  const high = Math.floor(n / 4294967296) >>> 0;
  const mixed = fmix32(fmix32(hash ^ low) ^ Math.imul(high + 0x9e3779b9, 0x27d4eb2d));
  return mixed / 4294967296;
}

/** A sequence of uniform numbers in [0, 1) determined by the key. */
export function randomStream(...key: KeyPart[]): () => number {
  return mulberry32(keyHash(...key));
}

/** One uniform number in [0, 1) determined by the key. */
export function unitRandom(...key: KeyPart[]): number {
  return randomStream(...key)();
}

/** Uniform in [min, max) determined by the key. */
export function between(min: number, max: number, ...key: KeyPart[]): number {
  return min + (max - min) * unitRandom(...key);
}
