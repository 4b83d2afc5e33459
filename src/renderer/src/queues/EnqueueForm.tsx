// Enqueue one job: a JSON payload (checked in place as you type) and the optional delay, priority
// and idempotency key, validated with the engine's enqueue schema before anything is sent.
import { useId, useRef, useState, type FormEvent, type JSX } from 'react';
import { schemas } from '../../../shared/schemas';
import { api, errorCode, ApiError } from '../api';
import { humanizeIssue } from './validation-text';

interface Fields {
  payload: string;
  delayMs: string;
  priority: string;
  idempotencyKey: string;
}
type Errors = Partial<Record<keyof Fields | 'form', string>>;

export function parseEnqueue(queue: string, f: Fields): { input?: Record<string, unknown>; errors: Errors } {
  const errors: Errors = {};
  let payload: unknown;
  if (f.payload.trim() !== '') {
    try {
      payload = JSON.parse(f.payload);
    } catch (e) {
      errors.payload = `Not valid JSON: ${(e as Error).message}`;
    }
  }
  const num = (t: string): number | undefined => (t.trim() === '' ? undefined : Number(t));
  const input = {
    name: queue,
    payload,
    delayMs: num(f.delayMs),
    priority: num(f.priority),
    idempotencyKey: f.idempotencyKey.trim() === '' ? undefined : f.idempotencyKey
  };
  const result = schemas.enqueue.safeParse(input);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const key = (issue.path[0] as keyof Fields | undefined) ?? 'form';
      const text = humanizeIssue(issue.message);
      if (!errors[key]) errors[key] = text;
    }
  }
  return Object.keys(errors).length ? { errors } : { input, errors };
}

export function EnqueueForm({ queue, disabled }: { queue: string; disabled: boolean }): JSX.Element {
  const [fields, setFields] = useState<Fields>({ payload: '{}', delayMs: '', priority: '', idempotencyKey: '' });
  const [serverError, setServerError] = useState<string | null>(null);
  const [done, setDone] = useState<string>('');
  const [busy, setBusy] = useState(false);
  const doneRef = useRef<HTMLSpanElement>(null);
  const uid = useId();
  const { errors } = parseEnqueue(queue, fields);
  const set = (k: keyof Fields, v: string): void => {
    setFields((s) => ({ ...s, [k]: v }));
    setServerError(null);
  };

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const parsed = parseEnqueue(queue, fields);
    if (!parsed.input) return;
    setBusy(true);
    try {
      const job = await api['queues.enqueue'](parsed.input as Parameters<(typeof api)['queues.enqueue']>[0]);
      setDone(job.created ? `Enqueued job #${job.id}` : `Job #${job.id} already exists for this idempotency key`);
      // The button was disabled while sending, which drops focus: land on the result instead.
      requestAnimationFrame(() => doneRef.current?.focus());
    } catch (err) {
      const details = err instanceof ApiError ? err.details : undefined;
      const issues = Array.isArray(details?.issues) ? (details.issues as { path: string; message: string }[]) : [];
      setServerError(
        errorCode(err) === 'VALIDATION_FAILED' && issues.length
          ? issues.map((i) => humanizeIssue(i.message)).join('; ')
          : (err as Error).message
      );
    } finally {
      setBusy(false);
    }
  };

  const described = (k: keyof Fields): Record<string, unknown> => ({
    id: `${uid}-${k}`,
    'aria-invalid': errors[k] ? true : undefined,
    'aria-describedby': errors[k] ? `${uid}-${k}-err` : undefined
  });

  return (
    <form className="q-enqueue" aria-label="Enqueue a job" onSubmit={submit} noValidate>
      <div className="field q-payload">
        <label htmlFor={`${uid}-payload`}>Payload (JSON)</label>
        <textarea className="input" rows={2} spellCheck={false} {...described('payload')} value={fields.payload} onChange={(e) => set('payload', e.target.value)} />
        <span className="field-error q-err-slot" id={`${uid}-payload-err`}>{errors.payload ?? ''}</span>
      </div>
      <div className="q-enqueue-opts">
        <div className="field">
          <label htmlFor={`${uid}-delayMs`}>Delay (ms)</label>
          <input className="input mono" type="number" min={0} placeholder="0" {...described('delayMs')} value={fields.delayMs} onChange={(e) => set('delayMs', e.target.value)} />
          <span className="field-error q-err-slot" id={`${uid}-delayMs-err`}>{errors.delayMs ?? ''}</span>
        </div>
        <div className="field">
          <label htmlFor={`${uid}-priority`}>Priority</label>
          <input className="input mono" type="number" placeholder="0" {...described('priority')} value={fields.priority} onChange={(e) => set('priority', e.target.value)} />
          <span className="field-error q-err-slot" id={`${uid}-priority-err`}>{errors.priority ?? ''}</span>
        </div>
        <div className="field">
          <label htmlFor={`${uid}-idempotencyKey`}>Idempotency key</label>
          <input className="input mono" placeholder="optional" {...described('idempotencyKey')} value={fields.idempotencyKey} onChange={(e) => set('idempotencyKey', e.target.value)} />
          <span className="field-error q-err-slot" id={`${uid}-idempotencyKey-err`}>{errors.idempotencyKey ?? ''}</span>
        </div>
        <div className="q-enqueue-go">
          <button type="submit" className="btn btn-primary" disabled={busy || Object.keys(errors).length > 0}>
            Enqueue
          </button>
          <span className="muted q-done" role="status" tabIndex={-1} ref={doneRef}>
            {done}
          </span>
        </div>
      </div>
      {disabled && <p className="faint">This queue is disabled: jobs stay pending until you enable it.</p>}
      {serverError && <p className="message message-error" role="alert">{serverError}</p>}
    </form>
  );
}
