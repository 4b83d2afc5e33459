// The bottom bar: is the live event stream connected, and over which transport.
import { useConnection } from './hooks';

const LABEL = { connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting…' } as const;

export function StatusBar({ transport, flowCount }: { transport: 'ipc' | 'http'; flowCount: number | null }): React.JSX.Element {
  const state = useConnection();
  return (
    <footer className={`app-status-bar status-${state}`} aria-label="Status bar">
      <span role="status" aria-label="Connection" className="status-item">
        <span className="status-dot" aria-hidden="true" />
        {LABEL[state]}
      </span>
      <span className="status-item" aria-label="Transport">
        {transport === 'ipc' ? 'Desktop (IPC)' : 'HTTP · 127.0.0.1'}
      </span>
      <span className="spacer" />
      {flowCount !== null && (
        <span className="status-item">
          {flowCount} flow{flowCount === 1 ? '' : 's'}
        </span>
      )}
      <span className="status-item">Flowdesk</span>
    </footer>
  );
}
