import { describe, expect, it } from 'vitest';
import { cidrsOverlap, mustParseCidr, parseCidr } from './cidr.ts';

describe('parseCidr', () => {
  it('parses IPv4 and IPv6 blocks into their canonical form', () => {
    expect(mustParseCidr('10.96.0.0/12')).toMatchObject({ family: 4, prefix: 12, canonical: '10.96.0.0/12' });
    expect(mustParseCidr('fd00:10:96:0:0::/108').canonical).toBe('fd00:10:96::/108');
    expect(mustParseCidr('::/0').canonical).toBe('::/0');
    expect(mustParseCidr('2001:db8::1:0:0:1/128').canonical).toBe('2001:db8::1:0:0:1/128');
  });

  it('says what is wrong with anything else', () => {
    expect(parseCidr('10.96.0.0')).toBe('has no /prefix length');
    expect(parseCidr('10.96.0.0/33')).toBe('has prefix length /33, not 0 to 32');
    expect(parseCidr('10.256.0.0/16')).toBe('is not an IPv4 address with a prefix length');
    expect(parseCidr('010.1.0.0/16')).toBe('is not an IPv4 address with a prefix length');
    expect(parseCidr('10.96.1.0/12')).toBe('has host bits set (did you mean 10.96.0.0/12?)');
    expect(parseCidr('fd00::1::/64')).toBe('is not an IPv6 address with a prefix length');
    expect(parseCidr('/8')).toBe('is not an IPv4 address with a prefix length');
  });

  it('finds overlapping blocks of the same family only', () => {
    const a = mustParseCidr('10.0.0.0/8');
    expect(cidrsOverlap(a, mustParseCidr('10.96.0.0/12'))).toBe(true);
    expect(cidrsOverlap(mustParseCidr('10.96.0.0/12'), a)).toBe(true);
    expect(cidrsOverlap(a, mustParseCidr('192.168.0.0/16'))).toBe(false);
    expect(cidrsOverlap(mustParseCidr('::/0'), mustParseCidr('0.0.0.0/0'))).toBe(false);
  });
});
