import { describe, expect, it } from 'vitest';
import { createRandom } from './random.ts';

describe('createRandom', () => {
  it('repeats its sequence for the same seed', () => {
    const a = createRandom(42);
    const b = createRandom(42);
    expect(Array.from({ length: 20 }, () => a.next())).toEqual(Array.from({ length: 20 }, () => b.next()));
    expect(createRandom(43).next()).not.toBe(createRandom(42).next());
  });

  it('forks streams that do not depend on what the parent drew', () => {
    const a = createRandom('seed');
    const b = createRandom('seed');
    b.hex(100);
    expect(a.fork('x').uuid()).toBe(b.fork('x').uuid());
    expect(a.fork('x').uuid()).not.toBe(a.fork('y').uuid());
  });

  it('draws values in range and in the expected formats', () => {
    const r = createRandom(1);
    for (let i = 0; i < 1000; i++) {
      const n = r.int(3, 5);
      expect(n >= 3 && n <= 5 && Number.isInteger(n)).toBe(true);
    }
    expect(r.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(r.suffix(5)).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(r.hex(17)).toMatch(/^[0-9a-f]{17}$/);
    const uuids = new Set(Array.from({ length: 10000 }, () => r.uuid()));
    expect(uuids.size).toBe(10000);
  });
});
