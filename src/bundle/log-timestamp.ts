// Date-time at `start`: RFC 3339 or with a space, optional fraction (`.` or `,`), zone (none means UTC).
const TIMESTAMP =
  /(\d{4})-(\d\d)-(\d\d)[Tt ](\d\d):(\d\d):(\d\d)(?:[.,](\d+))?(?:([Zz])|([+-])(\d\d):?(\d\d))?/y;

/** Reads a date-time starting exactly at `start`: its epoch milliseconds and where it ends, or undefined. */
export function readTimestamp(s: string, start: number): { ms: number; end: number } | undefined {
  TIMESTAMP.lastIndex = start;
  const m = TIMESTAMP.exec(s);
  if (m === null) return undefined;
  const [, year, month, day, hour, minute, second, fraction, , sign, offsetHours, offsetMinutes] = m;
  const local = utcTime(Number(year), month, day, hour, minute, second, fraction);
  if (local === undefined) return undefined;
  const offset =
    sign === undefined ? 0 : Number(`${sign}1`) * (Number(offsetHours) * 60 + Number(offsetMinutes));
  return { ms: local - offset * 60_000, end: TIMESTAMP.lastIndex };
}

/** Milliseconds since the epoch of a UTC date-time given as digits, or undefined when a field is out of range. */
export function utcTime(
  year: number,
  ...[month, day, hour, minute, second, fraction]: (string | undefined)[]
): number | undefined {
  const mo = Number(month);
  const d = Number(day);
  const h = Number(hour);
  const mi = Number(minute);
  const sec = Number(second);
  if (!(mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h <= 23 && mi <= 59 && sec <= 60)) return undefined;
  const ms = fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0'));
  return Date.UTC(year, mo - 1, d, h, mi, sec, ms);
}

/** The ISO 8601 form of epoch milliseconds, or undefined when they are not a representable date. */
export function isoOf(ms: number): string | undefined {
  return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : undefined;
}
