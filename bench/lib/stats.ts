/** The p-th percentile (nearest rank) of a list of numbers. */
export function pct(xs: number[], p: number): number {
  if (!xs.length) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

export const round = (x: number | null | undefined, d = 1) =>
  x == null || Number.isNaN(x) ? null : Math.round(x * 10 ** d) / 10 ** d;

export interface LoadResult {
  requests: number;
  errors: number;
  firstError: string | null;
  p50: number;
  p95: number;
  rps: number;
  seconds: number;
}

/**
 * A closed-loop HTTP load generator: `concurrency` workers each send one request after another for `seconds`
 * (at least `minRequests` in all). `send(i)` performs request number i and throws on a bad status.
 */
export async function runLoad(
  send: (i: number) => Promise<void>,
  opts: { concurrency: number; seconds: number; minRequests?: number; maxRequests?: number },
): Promise<LoadResult> {
  const times: number[] = [];
  let errors = 0;
  let firstError: string | null = null;
  let n = 0;
  const t0 = performance.now();
  const until = t0 + opts.seconds * 1000;
  const min = opts.minRequests ?? 0;
  const max = opts.maxRequests ?? Number.POSITIVE_INFINITY;
  await Promise.all(
    Array.from({ length: opts.concurrency }, async () => {
      // every worker sends at least one request; `minRequests` only while the time lasts twice over
      for (let mine = 0; ; mine++) {
        const now = performance.now();
        const more = now < until || (n < min && now < until + opts.seconds * 1000) || mine === 0;
        if (!more || n >= max) break;
        const i = n++;
        const s = performance.now();
        try {
          await send(i);
          times.push(performance.now() - s);
        } catch (e) {
          errors++;
          firstError ??= String((e as Error).message ?? e);
        }
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  return {
    requests: times.length,
    errors,
    firstError,
    p50: pct(times, 50),
    p95: pct(times, 95),
    rps: times.length / seconds,
    seconds,
  };
}
