/** Seeded randomness for the fleet builder: sfc32 over a string-hashed seed, never Math.random. */

/** A deterministic source of random values; the same seed always yields the same sequence. */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both ends included. */
  int(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** `n` lowercase hex digits. */
  hex(n: number): string;
  /** `n` characters of the alphabet Kubernetes uses for generated name suffixes. */
  suffix(n: number): string;
  /** A random UUID in the version-4 layout, as the API server assigns to `metadata.uid`. */
  uuid(): string;
  /** An independent source for `label`; depends only on this source's seed, not on what it has drawn. */
  fork(label: string): Random;
}

// The alphabet of k8s.io/apimachinery/pkg/util/rand: no vowels, no 0/1/3 (avoids words and look-alikes).
const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** Creates a random source from a number or string seed. */
export function createRandom(seed: number | string): Random {
  const key = String(seed);
  const [s0, s1, s2, s3] = hashSeed(key);
  let a = s0;
  let b = s1;
  let c = s2;
  let d = s3;
  const next32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // Mix the state before the first value is used.
  for (let i = 0; i < 15; i++) next32();

  const random: Random = {
    next: () => next32() / 4294967296,
    int: (min, max) => min + Math.floor((next32() / 4294967296) * (max - min + 1)),
    chance: (p) => next32() / 4294967296 < p,
    pick: (items) => {
      const item = items[Math.floor((next32() / 4294967296) * items.length)];
      if (item === undefined) throw new Error('Random.pick: the list is empty');
      return item;
    },
    hex: (n) => {
      let out = '';
      while (out.length < n) out += next32().toString(16).padStart(8, '0');
      return out.slice(0, n);
    },
    suffix: (n) => {
      let out = '';
      for (let i = 0; i < n; i++) out += NAME_ALPHABET[next32() % NAME_ALPHABET.length];
      return out;
    },
    uuid: () => {
      const h = random.hex(32);
      const variant = ((parseInt(h[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
    },
    fork: (label) => createRandom(`${key}/${label}`),
  };
  return random;
}

/** cyrb128: a string hash spread over four 32-bit words, enough state that forked streams never overlap. */
function hashSeed(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}
