// Create or edit a queue bound to a flow, with every option the API has. Each field explains itself
// in one line, is checked in place with the engine's own schema, and shows server errors
// (QUEUE_EXISTS, VALIDATION_FAILED details) next to the field they concern.
import { useId, useState, type FormEvent, type JSX } from 'react';
import type { FlowSummary, Queue } from '../../../shared/domain';
import { api, errorCode, ApiError } from '../api';
import {
  defaultValues,
  errorsFromDetails,
  FIELD_HELP,
  toInput,
  validate,
  valuesFromQueue,
  type FieldErrors,
  type QueueField,
  type QueueFormValues
} from './queue-form-model';

interface Props {
  /** Absent: create a new queue. */
  queue?: Queue;
  flows: FlowSummary[];
  onSaved: (q: Queue) => void;
  onCancel: () => void;
}

const NUMBER_FIELDS: { field: QueueField; label: string; unit?: string; step?: string }[] = [
  { field: 'concurrency', label: 'Concurrency' },
  { field: 'maxAttempts', label: 'Max attempts' },
  { field: 'visibilityTimeoutSec', label: 'Visibility timeout', unit: 's' },
  { field: 'hangAfterSec', label: 'Hang after', unit: 's' },
  { field: 'connectTimeoutMs', label: 'Connect timeout', unit: 'ms' },
  { field: 'backoff.initialMs', label: 'Backoff initial delay', unit: 'ms' },
  { field: 'backoff.maxMs', label: 'Backoff max delay', unit: 'ms' },
  { field: 'backoff.multiplier', label: 'Backoff multiplier', unit: '×', step: 'any' }
];

export function QueueForm({ queue, flows, onSaved, onCancel }: Props): JSX.Element {
  const editing = queue !== undefined;
  const [values, setValues] = useState<QueueFormValues>(() => (queue ? valuesFromQueue(queue) : defaultValues(flows[0]?.id ?? null)));
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);
  const uid = useId();
  const local = validate(values);
  const shown = (f: QueueField | 'form'): string | undefined =>
    serverErrors[f] ?? (submitted || touched.has(f) ? local[f] : undefined);

  const set = (f: QueueField, v: string): void => {
    setValues((s) => ({ ...s, [f]: v }));
    setTouched((t) => new Set(t).add(f));
    setServerErrors((e) => ({ ...e, [f]: undefined, form: undefined }));
  };

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setSubmitted(true);
    if (Object.keys(local).length > 0) return;
    setSaving(true);
    setServerErrors({});
    try {
      const input = toInput(values);
      const saved = editing
        ? await api['queues.update']({ ...input, name: queue.name })
        : await api['queues.create'](input);
      onSaved(saved);
    } catch (err) {
      const code = errorCode(err);
      const message = (err as Error).message;
      if (code === 'QUEUE_EXISTS') setServerErrors({ name: `A queue named "${values.name.trim()}" already exists — pick another name.` });
      else if (code === 'FLOW_NOT_FOUND') setServerErrors({ flowId: 'That flow no longer exists — choose another.' });
      else if (code === 'VALIDATION_FAILED') setServerErrors(errorsFromDetails(err instanceof ApiError ? err.details : undefined, message));
      else setServerErrors({ form: message });
    } finally {
      setSaving(false);
    }
  };

  const fieldProps = (f: QueueField): Record<string, unknown> => {
    const error = shown(f);
    return {
      id: `${uid}-${f}`,
      'aria-invalid': error ? true : undefined,
      'aria-describedby': `${uid}-${f}-help${error ? ` ${uid}-${f}-err` : ''}`
    };
  };
  const help = (f: QueueField | 'enabled'): JSX.Element => (
    <span className="field-hint" id={`${uid}-${f}-help`}>{FIELD_HELP[f]}</span>
  );
  const err = (f: QueueField): JSX.Element => (
    <span className="field-error q-err-slot" id={`${uid}-${f}-err`}>{shown(f) ?? ''}</span>
  );

  return (
    <form className="q-form" aria-label={editing ? `Edit queue ${queue.name}` : 'New queue'} onSubmit={submit} noValidate>
      <div className="q-form-grid">
        <div className="field">
          <label htmlFor={`${uid}-name`}>Queue name</label>
          <input
            className="input mono"
            {...fieldProps('name')}
            value={values.name}
            readOnly={editing}
            autoFocus={!editing}
            placeholder="e.g. invoices"
            onChange={(e) => set('name', e.target.value)}
          />
          {help('name')}
          {err('name')}
        </div>
        <div className="field">
          <label htmlFor={`${uid}-flowId`}>Flow</label>
          <select className="input" {...fieldProps('flowId')} value={values.flowId} onChange={(e) => set('flowId', e.target.value)}>
            {values.flowId === '' && <option value="">Choose a flow…</option>}
            {flows.map((f) => (
              <option key={f.id} value={String(f.id)}>
                {f.name} (v{f.version})
              </option>
            ))}
          </select>
          {help('flowId')}
          {err('flowId')}
        </div>
        {NUMBER_FIELDS.map(({ field, label, unit, step }) => (
          <div className="field" key={field}>
            <label htmlFor={`${uid}-${field}`}>
              {label}
              {unit && <span className="faint"> ({unit})</span>}
            </label>
            <input
              className="input mono"
              type="number"
              inputMode="decimal"
              step={step ?? '1'}
              {...fieldProps(field)}
              value={values[field]}
              onChange={(e) => set(field, e.target.value)}
            />
            {help(field)}
            {err(field)}
          </div>
        ))}
        <div className="field q-check">
          <label>
            <input
              type="checkbox"
              checked={values.enabled}
              aria-describedby={`${uid}-enabled-help`}
              onChange={(e) => setValues((s) => ({ ...s, enabled: e.target.checked }))}
            />{' '}
            Enabled
          </label>
          {help('enabled')}
        </div>
      </div>
      {shown('form') && <p className="message message-error" role="alert">{shown('form')}</p>}
      <div className="toolbar q-form-actions">
        <button type="submit" className="btn btn-primary" disabled={saving}>
          {editing ? 'Save queue' : 'Create queue'}
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          Cancel
        </button>
        {submitted && Object.keys(local).length > 0 && (
          <span className="field-error" role="status">Fix the highlighted fields.</span>
        )}
      </div>
    </form>
  );
}
