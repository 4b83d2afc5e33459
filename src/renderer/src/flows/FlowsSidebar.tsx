// The Flows sidebar: list (name, language, version), create, rename, delete.
import { useState } from 'react';
import type { Flow } from '../../../shared/domain';
import { useCommand } from '../hooks';
import { CreateFlowForm } from './CreateFlowForm';
import { FlowRow } from './FlowRow';
import type { FlowsState } from './useFlows';

interface Props {
  state: FlowsState;
  selectedId: number | null;
  onSelect(id: number | null): void;
}

export function FlowsSidebar({ state, selectedId, onSelect }: Props): React.JSX.Element {
  const [creating, setCreating] = useState(false);
  const { flows, error } = state;
  useCommand('new-flow', () => setCreating(true));

  const created = (flow: Flow): void => {
    state.upsert(flow);
    setCreating(false);
    onSelect(flow.id);
  };

  return (
    <aside className="sidebar" aria-label="Flows">
      <div className="panel-header">
        <h2 className="panel-title">Flows</h2>
        <span className="spacer" />
        <button type="button" className="btn btn-ghost" aria-label="New flow" title="New flow" onClick={() => setCreating(true)}>
          + New
        </button>
      </div>
      {creating && <CreateFlowForm onCreated={created} onCancel={() => setCreating(false)} />}
      {error && (
        <div className="message message-error sidebar-message" role="alert">
          Could not load flows: {error}
        </div>
      )}
      <div className="sidebar-scroll">
        {flows && flows.length === 0 && !creating && (
          <div className="empty-state">
            <strong>No flows yet</strong>
            <span>A flow is an async function that takes input and a ctx. Create one to start writing.</span>
            <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
              Create your first flow
            </button>
          </div>
        )}
        {flows && flows.length > 0 && (
          <ul className="list" aria-label="Flow list">
            {flows.map((f) => (
              <FlowRow
                key={f.id}
                flow={f}
                selected={f.id === selectedId}
                onSelect={() => onSelect(f.id)}
                onRenamed={state.upsert}
                onDeleted={() => {
                  state.remove(f.id);
                  if (f.id === selectedId) onSelect(null);
                }}
              />
            ))}
          </ul>
        )}
      </div>
    </aside>
  );
}
