// A small live chart in inline SVG (no chart library): throughput and p50/p95 durations over the
// last few minutes. Fixed size, so it never moves the layout when samples arrive.
import type { JSX } from 'react';
import { formatDuration, formatRate } from './format';
import { HISTORY_WINDOW_MS, polyline, seriesMax, type StatsSample } from './stats-history';

const W = 240;
const H = 44;

interface Props {
  history: StatsSample[];
  now: number;
}

export function LiveChart({ history, now }: Props): JSX.Element {
  // The chart spans what has been collected (up to the window), so a fresh monitor shows lines at once.
  const t0 = history.length > 1 ? Math.max(now - HISTORY_WINDOW_MS, history[0].t) : now - 60_000;
  const rateMax = seriesMax(history, (s) => s.throughputPerMin);
  const durMax = seriesMax(history, (s) => s.p95);
  const last = history[history.length - 1];
  return (
    <div className="mon-charts">
      <figure className="mon-chart" aria-label="Throughput over the last 5 minutes">
        <figcaption>
          <span className="mon-swatch mon-swatch-rate" aria-hidden="true" /> Throughput{' '}
          <span className="faint">max {formatRate(rateMax)}</span>
        </figcaption>
        <svg width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Throughput chart, now ${formatRate(last?.throughputPerMin)}`}>
          <line x1="0" y1={H - 0.5} x2={W} y2={H - 0.5} className="mon-axis" />
          <polyline className="mon-line-rate" points={polyline(history, (s) => s.throughputPerMin, t0, now, rateMax, W, H)} />
          <Dot className="mon-dot-rate" points={polyline(last ? [last] : [], (s) => s.throughputPerMin, t0, now, rateMax, W, H)} />
        </svg>
      </figure>
      <figure className="mon-chart" aria-label="Durations over the last 5 minutes">
        <figcaption>
          <span className="mon-swatch mon-swatch-p50" aria-hidden="true" /> p50{' '}
          <span className="mon-swatch mon-swatch-p95" aria-hidden="true" /> p95{' '}
          <span className="faint">max {formatDuration(durMax || null)}</span>
        </figcaption>
        <svg width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Duration chart, p95 now ${formatDuration(last?.p95)}`}>
          <line x1="0" y1={H - 0.5} x2={W} y2={H - 0.5} className="mon-axis" />
          <polyline className="mon-line-p95" points={polyline(history, (s) => s.p95, t0, now, durMax, W, H)} />
          <polyline className="mon-line-p50" points={polyline(history, (s) => s.p50, t0, now, durMax, W, H)} />
          <Dot className="mon-dot-p95" points={polyline(last ? [last] : [], (s) => s.p95, t0, now, durMax, W, H)} />
        </svg>
      </figure>
    </div>
  );
}

/** The latest value as a dot, so a single sample is visible too. */
function Dot({ points, className }: { points: string; className: string }): JSX.Element | null {
  if (!points) return null;
  const [x, y] = points.split(',').map(Number);
  return <circle cx={Math.min(x, W - 2.5)} cy={y} r={2.5} className={className} />;
}
