// While a run is going: is it flagged as hanging, and what is it waiting on right now. This is the
// line that would have saved the afternoon in STORY.md ("TCP connect to internal-host:8080, 42 s").
import type { LiveInfo } from '../../../shared/domain';
import { useNow } from '../hooks';

const OP_LABEL: Record<string, string> = {
  'tcp-connect': 'TCP connect to',
  'http-request': 'HTTP request to',
  'dns-lookup': 'DNS lookup of',
  timer: 'timer'
};

export function LiveNote({ live, liveAt }: { live: LiveInfo | null; liveAt: number }): React.JSX.Element | null {
  const now = useNow(live !== null && (live.hang !== null || live.pending.length > 0));
  if (!live || (!live.hang && live.pending.length === 0)) return null;
  const drift = Math.max(0, now - liveAt);
  const ops = live.pending.map((p) => `${OP_LABEL[p.type] ?? p.type} ${p.target} (${Math.round((p.ageMs + drift) / 1000)} s)`);
  return (
    <div className={`message ${live.hang ? 'message-warn' : 'message-info'} live-note`} role="status" aria-label="Waiting on">
      <span className="grow">
        {live.hang && <strong>Hanging: </strong>}
        {live.hang ? live.hang.reason : 'Waiting on '}
        {ops.length > 0 && (live.hang ? ` — waiting on ${ops.join(', ')}` : ops.join(', '))}
      </span>
    </div>
  );
}
