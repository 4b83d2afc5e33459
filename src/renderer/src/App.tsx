// The app shell: activity bar (Flows, Queues), the area's content, and a status bar with the live
// connection. Menu commands from Electron and global shortcuts are routed through the command bus.
import { useEffect, useState } from 'react';
import { transport } from './api';
import { FlowWorkspace } from './editor/FlowWorkspace';
import { FlowsSidebar } from './flows/FlowsSidebar';
import { useFlows } from './flows/useFlows';
import { emitCommand } from './hooks';
import { QueuesView } from './queues/QueuesView';
import { StatusBar } from './StatusBar';

type Area = 'flows' | 'queues';
const FLOW_KEY = 'flowdesk.selectedFlow';

export function App(): React.JSX.Element {
  const [area, setArea] = useState<Area>('flows');
  const [queuesSeen, setQueuesSeen] = useState(false);
  const flowsState = useFlows();
  const [selected, setSelected] = useState<number | null>(() => Number(localStorage.getItem(FLOW_KEY)) || null);

  const select = (id: number | null): void => {
    setSelected(id);
    if (id === null) localStorage.removeItem(FLOW_KEY);
    else localStorage.setItem(FLOW_KEY, String(id));
  };
  const show = (next: Area): void => {
    setArea(next);
    if (next === 'queues') setQueuesSeen(true);
  };

  // A remembered flow that no longer exists is dropped once the list is known.
  const flows = flowsState.flows;
  useEffect(() => {
    if (flows && selected !== null && !flows.some((f) => f.id === selected)) select(flows[0]?.id ?? null);
    if (flows && selected === null && flows.length > 0) select(flows[0].id);
  }, [flows, selected]);

  useEffect(() => {
    const off = window.flowdesk?.onMenu?.((command) => {
      if (command === 'queue-monitor') {
        show('queues');
        emitCommand(command);
      } else {
        show('flows');
        emitCommand(command);
      }
    });
    const onKey = (e: KeyboardEvent): void => {
      const mod = e.ctrlKey || e.metaKey;
      if (mod && !e.shiftKey && !e.altKey && e.key.toLowerCase() === 's') {
        // Capture phase: before Monaco and before the browser's "Save page".
        e.preventDefault();
        emitCommand('save');
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => {
      off?.();
      window.removeEventListener('keydown', onKey, true);
    };
  }, []);

  return (
    <div className="app">
      <nav className="activity-bar" aria-label="Areas">
        <ActivityButton label="Flows" active={area === 'flows'} onClick={() => show('flows')} icon={<FlowsIcon />} />
        <ActivityButton label="Queues" active={area === 'queues'} onClick={() => show('queues')} icon={<QueuesIcon />} />
      </nav>
      <div className="area" hidden={area !== 'flows'}>
        <FlowsSidebar state={flowsState} selectedId={selected} onSelect={select} />
        <main className="app-main" aria-label="Editor">
          {selected !== null && flows?.some((f) => f.id === selected) ? (
            <FlowWorkspace key={selected} flowId={selected} />
          ) : (
            <div className="empty-state main-empty">
              <strong>{flows && flows.length === 0 ? 'Create a flow to start' : 'Select a flow'}</strong>
              <span>
                Flows are versioned: every save adds a version, and queue workers reload it at once. Use <em>+ New</em> in the sidebar.
              </span>
            </div>
          )}
        </main>
      </div>
      {queuesSeen && (
        <div className="area area-full" hidden={area !== 'queues'}>
          <QueuesView />
        </div>
      )}
      <StatusBar transport={transport} flowCount={flows?.length ?? null} />
    </div>
  );
}

function ActivityButton(props: { label: string; active: boolean; onClick(): void; icon: React.JSX.Element }): React.JSX.Element {
  return (
    <button
      type="button"
      className={`activity-button${props.active ? ' active' : ''}`}
      aria-label={props.label}
      aria-pressed={props.active}
      title={props.label}
      onClick={props.onClick}
    >
      {props.icon}
    </button>
  );
}

const FlowsIcon = (): React.JSX.Element => (
  <svg width="22" height="22" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.6" aria-hidden="true">
    <path d="M8 6 3 12l5 6M16 6l5 6-5 6M13.5 4l-3 16" strokeLinecap="round" strokeLinejoin="round" />
  </svg>
);

const QueuesIcon = (): React.JSX.Element => (
  <svg width="22" height="22" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.6" aria-hidden="true">
    <rect x="3" y="4" width="18" height="4" rx="1" />
    <rect x="3" y="10" width="18" height="4" rx="1" />
    <rect x="3" y="16" width="18" height="4" rx="1" />
  </svg>
);
