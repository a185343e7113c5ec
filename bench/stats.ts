/*
 * The bench's arithmetic, which refuses to make a number out of nothing: a measurement with no
 * samples, or one that came out NaN or infinite, is an error (thrown, then recorded in the
 * report's `errors` and failing the run), never a NaN printed as a result.
 */

export class MeasurementError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MeasurementError";
  }
}

/** `x` itself when it is a finite number; otherwise a MeasurementError naming what it was. */
export function finite(what: string, x: number): number {
  if (typeof x !== "number" || !Number.isFinite(x)) throw new MeasurementError(`${what}: no valid value (got ${String(x)})`);
  return x;
}

/** The nearest-rank percentile of samples (any order). Refuses empty samples and non-finite values. */
export function percentile(what: string, samples: readonly number[], p: number): number {
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile must be in (0, 100], got ${p}`);
  if (samples.length === 0) throw new MeasurementError(`${what}: no samples`);
  samples.forEach((x, i) => finite(`${what} (sample ${i + 1})`, x));
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))]!;
}

export interface Summary {
  n: number;
  medianMs: number;
  p95Ms: number;
  samplesMs: number[];
}

/**
 * Median and p95 of timing samples. `expected`: how many samples the measurement set out to take;
 * fewer (a keystroke that never changed the table) is a failed measurement, not a smaller sample.
 */
export function summarize(what: string, samples: readonly number[], expected = samples.length): Summary {
  if (samples.length < expected) throw new MeasurementError(`${what}: only ${samples.length} of ${expected} samples were taken`);
  return {
    n: samples.length,
    medianMs: percentile(what, samples, 50),
    p95Ms: percentile(what, samples, 95),
    samplesMs: samples.map((x) => Math.round(x * 10) / 10),
  };
}

/**
 * Every number in a report that is NaN or infinite, by its path. JSON writes them as null and a
 * comparison with them is simply false, so one that slipped past `finite` would pass unseen: the
 * run lists each as an error instead.
 */
export function nonFiniteNumbers(value: unknown, path = "report"): string[] {
  if (typeof value === "number") return Number.isFinite(value) ? [] : [`${path} is ${String(value)}`];
  if (Array.isArray(value)) return value.flatMap((v, i) => nonFiniteNumbers(v, `${path}[${i}]`));
  if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => nonFiniteNumbers(v, `${path}.${k}`));
  return [];
}

/** A goal's verdict: met, missed, or not judged (the measurement failed or was not taken). */
export type Verdict = "met" | "missed" | "—";
export const verdict = (ok: boolean | undefined): Verdict => (ok === undefined ? "—" : ok ? "met" : "missed");
