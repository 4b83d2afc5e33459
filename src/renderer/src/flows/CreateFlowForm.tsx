// Inline "new flow" form at the top of the sidebar. Validates in place; FLOW_EXISTS is shown on the field.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Flow, FlowLanguage } from '../../../shared/domain';
import { LIMITS } from '../../../shared/schemas';
import { api, errorCode } from '../api';
import { templateFor } from './templates';

interface Props {
  onCreated(flow: Flow): void;
  onCancel(): void;
}

export function CreateFlowForm({ onCreated, onCancel }: Props): React.JSX.Element {
  const [name, setName] = useState('');
  const [language, setLanguage] = useState<FlowLanguage>('javascript');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [touched, setTouched] = useState(false);
  const nameRef = useRef<HTMLInputElement>(null);
  useEffect(() => nameRef.current?.focus(), []);

  const trimmed = name.trim();
  const localError =
    trimmed.length === 0
      ? 'Give the flow a name.'
      : trimmed.length > LIMITS.MAX_NAME_LENGTH
        ? `At most ${LIMITS.MAX_NAME_LENGTH} characters.`
        : null;
  const shown = error ?? (touched ? localError : null);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setTouched(true);
    if (localError || busy) return;
    setBusy(true);
    try {
      const flow = await api['flows.create']({ name: trimmed, language, code: templateFor(language) });
      onCreated(flow);
    } catch (err) {
      setError(errorCode(err) === 'FLOW_EXISTS' ? `A flow named "${trimmed}" already exists.` : (err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="create-flow" aria-label="New flow" onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <div className="field">
        <label htmlFor="new-flow-name">Flow name</label>
        <input
          id="new-flow-name"
          ref={nameRef}
          className="input"
          value={name}
          placeholder="e.g. publish-order"
          aria-invalid={shown ? true : undefined}
          aria-describedby={shown ? 'new-flow-error' : undefined}
          onChange={(e) => {
            setName(e.target.value);
            setError(null);
          }}
          onBlur={() => trimmed && setTouched(true)}
        />
      </div>
      <div className="field">
        <label htmlFor="new-flow-language">Language</label>
        <select
          id="new-flow-language"
          className="input"
          value={language}
          onChange={(e) => setLanguage(e.target.value as FlowLanguage)}
        >
          <option value="javascript">JavaScript</option>
          <option value="typescript">TypeScript</option>
        </select>
      </div>
      {shown && (
        <div id="new-flow-error" className="field-error" role="alert">
          {shown}
        </div>
      )}
      <div className="toolbar">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          Create flow
        </button>
        <button type="button" className="btn btn-ghost" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
