import { stringify } from 'yaml';
import type { Manifest } from './manifest.ts';

/** Keys that lead a manifest, in this order; all other keys, and every key below the top, are sorted. */
const LEADING_KEYS = ['apiVersion', 'kind', 'metadata'];

function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareTopKeys(a: string, b: string): number {
  const ia = LEADING_KEYS.indexOf(a);
  const ib = LEADING_KEYS.indexOf(b);
  if (ia >= 0 || ib >= 0) return (ia < 0 ? LEADING_KEYS.length : ia) - (ib < 0 ? LEADING_KEYS.length : ib);
  return compareNames(a, b);
}

/** A copy of `value` with object keys in the stable order and undefined fields dropped. */
export function sortKeys(value: unknown, top = true): unknown {
  if (Array.isArray(value)) return value.map((v) => sortKeys(v, false));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort(top ? compareTopKeys : compareNames)) {
    const child = (value as Record<string, unknown>)[key];
    if (child !== undefined) out[key] = sortKeys(child, false);
  }
  return out;
}

/** Fixed YAML options: no line folding, no anchors for repeated values, two-space indent. */
const YAML_OPTIONS = {
  indent: 2,
  lineWidth: 0,
  minContentWidth: 0,
  aliasDuplicateObjects: false,
  defaultStringType: 'PLAIN',
  defaultKeyType: 'PLAIN',
} as const;

/** One manifest as a YAML document. */
export function renderManifest(manifest: Manifest): string {
  return stringify(sortKeys(manifest), YAML_OPTIONS);
}

/** Manifests as one YAML stream, in the order given: the same manifests always give the same bytes. */
export function renderManifests(manifests: readonly Manifest[]): string {
  return manifests.map(renderManifest).join('---\n');
}
