import autocannon from 'autocannon';

/** What one side of a comparison measured over its run. */
export interface Figures {
  requests: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  errors: number;
  /** The first failure, to say why errors is not 0. */
  firstError?: string;
}

/** Nearest-rank percentile of latencies in ms. */
export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function figuresOf(latencies: number[], seconds: number, errors: number): Figures {
  const sorted = [...latencies].sort((a, b) => a - b);
  return { requests: sorted.length, seconds, perSecond: sorted.length / seconds, p50: percentile(sorted, 50), p95: percentile(sorted, 95), errors };
}

/**
 * The endpoint side: autocannon at `connections` concurrent keep-alive connections for `seconds`.
 * Latencies are taken from each response (autocannon reports p97.5 but not p95), so both sides are
 * summarised by the same percentile code; any non-2xx answer counts as an error.
 */
export async function runHttp(opts: { url: string; cookie: string; seconds: number; connections: number }): Promise<Figures> {
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url: opts.url, connections: opts.connections, duration: opts.seconds, headers: { cookie: opts.cookie } }, (err, res) =>
      err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(res),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
      else errors += 1;
    });
  });
  errors += result.errors + result.timeouts;
  return figuresOf(latencies, (performance.now() - started) / 1000, errors);
}

/**
 * The raw side: `connections` workers, each running `iteration` back to back until the time is
 * up; one iteration = the statements of one request, in order.
 */
export async function runLoop(iteration: () => Promise<void>, seconds: number, connections: number): Promise<Figures> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        try {
          await iteration();
          latencies.push(performance.now() - t0);
        } catch (err) {
          errors += 1;
          firstError ??= err instanceof Error ? err.message : String(err);
        }
      }
    }),
  );
  return { ...figuresOf(latencies, (performance.now() - started) / 1000, errors), ...(firstError ? { firstError } : {}) };
}
