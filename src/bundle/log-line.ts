import type { LogEntry, LogLevel, LogObjectRef } from '../model/fleet.ts';

/** What one line says, before the file's origin and the line number are attached. */
export interface LineFields {
  readonly ts: string | undefined;
  readonly level: LogLevel;
  readonly format: LogEntry['format'];
  readonly message: string;
  readonly error: string | undefined;
  readonly controller: string | undefined;
  readonly objects: readonly LogObjectRef[];
}

/** The shared, frozen object list of a line that names no objects. */
export const NO_OBJECTS: readonly LogObjectRef[] = Object.freeze([]);

/** The controller's own object first, then kind-keyed fields; a kindless namespace/name only if nothing else names it. */
export function collectObjects(
  kind: string | undefined,
  namespace: string | undefined,
  name: string | undefined,
  kindRefs: readonly LogObjectRef[],
): readonly LogObjectRef[] {
  if (name === undefined || name === '') {
    if (kindRefs.length === 0) return NO_OBJECTS;
    if (kindRefs.length === 1) return kindRefs;
  }
  const refs: LogObjectRef[] = [];
  const ns = namespace ?? '';
  const hasKind = kind !== undefined && kind !== '';
  if (hasKind && name) refs.push({ kind, namespace: ns, name });
  for (const ref of kindRefs) {
    const same = (r: LogObjectRef): boolean =>
      r.kind === ref.kind && r.namespace === ref.namespace && r.name === ref.name;
    if (!refs.some(same)) refs.push(ref);
  }
  if (!hasKind && name && !refs.some((r) => r.namespace === ns && r.name === name)) {
    refs.push({ kind: undefined, namespace: ns, name });
  }
  return refs;
}
