/** An IPv4 or IPv6 CIDR block, parsed. */
export interface Cidr {
  readonly family: 4 | 6;
  /** The network address as an unsigned integer. */
  readonly base: bigint;
  readonly prefix: number;
  /** The block as Kubernetes prints it: `10.96.0.0/12`, `fd00:10:96::/108`. */
  readonly canonical: string;
}

const V4_OCTET = /^(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])$/;

function parseV4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => V4_OCTET.test(p))) return undefined;
  return parts.reduce((acc, p) => (acc << 8n) | BigInt(Number(p)), 0n);
}

function parseV6(text: string): bigint | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (half: string | undefined): string[] => (half ? half.split(':') : []);
  const head = groups(halves[0]);
  const tail = groups(halves[1]);
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (!all.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  return all.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
}

function formatV4(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 255n)).join('.');
}

function formatV6(value: bigint): string {
  const groups = [112n, 96n, 80n, 64n, 48n, 32n, 16n, 0n].map((shift) => Number((value >> shift) & 0xffffn));
  // RFC 5952: compress the longest run of two or more zero groups, the first one on a tie.
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) [bestStart, bestLength] = [i, j - i];
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

/** Parses `a.b.c.d/p` or an IPv6 block; a string saying what is wrong when it is not one. */
export function parseCidr(text: string): Cidr | string {
  const slash = text.indexOf('/');
  if (slash < 0) return 'has no /prefix length';
  const address = text.slice(0, slash);
  const prefixText = text.slice(slash + 1);
  const family = address.includes(':') ? 6 : 4;
  const bits = family === 4 ? 32 : 128;
  if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > bits) {
    return `has prefix length /${prefixText}, not 0 to ${bits}`;
  }
  const prefix = Number(prefixText);
  const value = family === 4 ? parseV4(address) : parseV6(address);
  if (value === undefined) return `is not an IPv${family} address with a prefix length`;
  const hostBits = BigInt(bits - prefix);
  const base = (value >> hostBits) << hostBits;
  const canonical = `${family === 4 ? formatV4(base) : formatV6(base)}/${prefix}`;
  if (base !== value) return `has host bits set (did you mean ${canonical}?)`;
  return { family, base, prefix, canonical };
}

/** For a schema check: undefined when `text` is a CIDR block, else what is wrong with it. */
export function cidrProblem(text: string): string | undefined {
  const parsed = parseCidr(text);
  return typeof parsed === 'string' ? parsed : undefined;
}

/** Whether two blocks share any address. */
export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  if (a.family !== b.family) return false;
  const bits = a.family === 4 ? 32 : 128;
  const shift = BigInt(bits - Math.min(a.prefix, b.prefix));
  return a.base >> shift === b.base >> shift;
}

/** Parses a block already checked by {@link cidrProblem}. */
export function mustParseCidr(text: string): Cidr {
  const parsed = parseCidr(text);
  if (typeof parsed === 'string') throw new Error(`not a CIDR block: ${text} ${parsed}`);
  return parsed;
}
