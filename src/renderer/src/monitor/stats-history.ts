// A rolling window of stats samples for the live chart: one point per queue.stats event or
// periodic fetch, at most one per second, kept for the last few minutes.
import type { QueueStats } from '../../../shared/domain';

export const HISTORY_WINDOW_MS = 5 * 60_000;
const MIN_GAP_MS = 1000;

export interface StatsSample {
  t: number;
  throughputPerMin: number;
  p50: number | null;
  p95: number | null;
  running: number;
}

/** Adds a sample (replacing the last one when it is closer than a second) and drops old ones. */
export function addSample(history: StatsSample[], stats: QueueStats, t: number): StatsSample[] {
  const sample: StatsSample = {
    t,
    throughputPerMin: stats.throughputPerMin,
    p50: stats.durationMs.p50,
    p95: stats.durationMs.p95,
    running: stats.counts.running
  };
  const last = history[history.length - 1];
  const kept = history.filter((s) => s.t >= t - HISTORY_WINDOW_MS);
  if (last && t - last.t < MIN_GAP_MS && kept.length > 0) kept[kept.length - 1] = sample;
  else kept.push(sample);
  return kept;
}

/** SVG polyline points for one series over [t0, t1] scaled into width x height (y grows down). */
export function polyline(
  samples: StatsSample[],
  pick: (s: StatsSample) => number | null,
  t0: number,
  t1: number,
  max: number,
  width: number,
  height: number
): string {
  const span = Math.max(1, t1 - t0);
  const top = max > 0 ? max : 1;
  const points: string[] = [];
  for (const s of samples) {
    const v = pick(s);
    if (v === null) continue;
    const x = ((s.t - t0) / span) * width;
    const y = height - (Math.min(v, top) / top) * (height - 2) - 1;
    points.push(`${x.toFixed(1)},${y.toFixed(1)}`);
  }
  return points.join(' ');
}

export function seriesMax(samples: StatsSample[], pick: (s: StatsSample) => number | null): number {
  let max = 0;
  for (const s of samples) {
    const v = pick(s);
    if (v !== null && v > max) max = v;
  }
  return max;
}
