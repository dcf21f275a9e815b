import { setTimeout as sleep } from 'node:timers/promises';

/** What a probe of {@link waitUntil} saw: done with a value, or not yet and why. */
export type ProbeResult<T> =
  { readonly done: true; readonly value: T } | { readonly done: false; readonly detail: string };

/** Options of {@link waitUntil}. */
export interface WaitOptions {
  /** Names what is awaited in the timeout error, e.g. `kube-apiserver workload-0 /readyz`. */
  readonly what: string;
  readonly timeoutMs: number;
  readonly intervalMs?: number;
  /** Checked before every probe: an error here ends the wait at once (e.g. the process exited). */
  readonly failFast?: () => Error | undefined;
  /** Appended to the timeout error, e.g. the component's last log lines. */
  readonly context?: () => string;
}

/** Probes until done, a fail-fast error, or the deadline; a probe that throws counts as "not yet". */
export async function waitUntil<T>(options: WaitOptions, probe: () => Promise<ProbeResult<T>>): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  let detail: string | undefined;
  for (;;) {
    const fatal = options.failFast?.();
    if (fatal) throw fatal;
    try {
      const result = await probe();
      if (result.done) return result.value;
      detail = result.detail;
    } catch (error) {
      detail = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() >= deadline) break;
    await sleep(Math.min(options.intervalMs ?? 250, Math.max(0, deadline - Date.now())));
  }
  const fatal = options.failFast?.();
  if (fatal) throw fatal;
  const context = options.context?.();
  throw new Error(
    `${options.what}: not ready within ${Math.round(options.timeoutMs / 1000)} s (last: ${detail ?? 'never probed'})` +
      (context ? `\n${context}` : ''),
  );
}
