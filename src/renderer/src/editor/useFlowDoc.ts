// One open flow: the server's copy, the editor's draft, save with optimistic concurrency, conflict
// handling and live updates from other clients. The editor and the Run Now panel both read it.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Diagnostic, Flow, ReloadReport } from '../../../shared/domain';
import { api, errorCode } from '../api';
import { useEvent, useResync } from '../hooks';

export interface SaveReport {
  version: number;
  changed: boolean;
  reload: ReloadReport;
  at: number;
}

export interface FlowDoc {
  flow: Flow | null;
  loadError: string | null;
  draft: string;
  /** Bumped whenever the draft is replaced from outside the editor (load, take theirs, restore). */
  draftRev: number;
  dirty: boolean;
  saving: boolean;
  diagnostics: Diagnostic[];
  lastSave: SaveReport | null;
  saveError: string | null;
  /** Set after VERSION_CONFLICT: the server's current copy, to compare with the draft. */
  conflict: Flow | null;
  /** A newer version saved elsewhere while this draft was dirty. */
  remoteVersion: number | null;
  setDraft(code: string): void;
  save(): Promise<void>;
  /** Save the draft over the conflicting version. */
  keepMine(): Promise<void>;
  /** Drop the draft and take the server's copy. */
  takeTheirs(): void;
  /** Save `code` as a new version (restore from history). */
  saveCode(code: string): Promise<boolean>;
  dismissConflict(): void;
}

/** Unsaved drafts survive switching flows (the workspace remounts per flow); keyed by flow id. */
const drafts = new Map<number, { version: number; code: string }>();

/**
 * `readLive` returns the editor model's text right now. React state trails the model by a render
 * (Ctrl+S straight after a keystroke or paste arrives before it), so saves read the model.
 */
export function useFlowDoc(flowId: number, readLive?: () => string | undefined): FlowDoc {
  const [flow, setFlow] = useState<Flow | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [draft, setDraftState] = useState('');
  const [draftRev, setDraftRev] = useState(0);
  // The editor owns the text while typing; only replacements from outside bump draftRev.
  const replaceDraft = useCallback((code: string) => {
    setDraftState(code);
    setDraftRev((r) => r + 1);
  }, []);
  const [saving, setSaving] = useState(false);
  const [diagnostics, setDiagnostics] = useState<Diagnostic[]>([]);
  const [lastSave, setLastSave] = useState<SaveReport | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Flow | null>(null);
  const [remoteVersion, setRemoteVersion] = useState<number | null>(null);
  // Handlers read the latest values through refs (events and keyboard shortcuts outlive renders).
  const live = useRef({ flow, draft, saving });
  live.current = { flow, draft, saving };
  const readLiveRef = useRef(readLive);
  readLiveRef.current = readLive;
  /** The newest text: the model's when the editor is mounted, else the draft state. */
  const currentCode = useCallback((): string => {
    const code = readLiveRef.current?.() ?? live.current.draft;
    if (code !== live.current.draft) {
      live.current.draft = code;
      setDraftState(code);
    }
    return code;
  }, []);
  // Kept in the module map as it changes (not in an effect), so switching flows right after a
  // keystroke keeps it.
  const setDraft = useCallback(
    (code: string) => {
      setDraftState(code);
      live.current.draft = code;
      const f = live.current.flow;
      if (f && code !== f.code) drafts.set(flowId, { version: f.version, code });
      else if (f) drafts.delete(flowId);
    },
    [flowId]
  );

  const load = useCallback(() => {
    api['flows.get']({ id: flowId })
      .then((f) => {
        const cur = live.current;
        const kept = drafts.get(flowId);
        if (!cur.flow) {
          setFlow(f);
          replaceDraft(kept && kept.version === f.version ? kept.code : f.code);
        } else if (cur.draft === cur.flow.code) {
          setFlow(f);
          replaceDraft(f.code);
        } else {
          // Dirty: the draft's base version must stay, or the next save would overwrite the newer
          // version without a conflict. Announce the newer one instead.
          setFlow({ ...cur.flow, name: f.name });
          if (f.version > cur.flow.version) setRemoteVersion(f.version);
        }
        setLoadError(null);
      })
      .catch((e: Error) => setLoadError(errorCode(e) === 'FLOW_NOT_FOUND' ? 'This flow no longer exists.' : e.message));
  }, [flowId, replaceDraft]);

  useEffect(load, [load]);
  // Only once the flow is loaded: on mount (flow still null) this used to delete the kept draft
  // before the load could read it, so coming back to a flow showed its saved code.
  useEffect(() => {
    if (!flow) return;
    if (draft !== flow.code) drafts.set(flowId, { version: flow.version, code: draft });
    else drafts.delete(flowId);
  }, [flowId, flow, draft]);
  useResync(load);

  useEvent('flow.saved', ({ flow: summary, versionChanged }) => {
    const cur = live.current;
    if (summary.id !== flowId || !cur.flow) return;
    if (!versionChanged || summary.version <= cur.flow.version) {
      if (summary.name !== cur.flow.name) setFlow({ ...cur.flow, name: summary.name });
      return;
    }
    if (cur.saving) return; // our own save's answer is on its way
    if (cur.draft === cur.flow.code) load();
    else setRemoteVersion(summary.version);
  });

  const doSave = useCallback(
    async (code: string, expectedVersion: number): Promise<boolean> => {
      setSaving(true);
      live.current.saving = true;
      setSaveError(null);
      try {
        const res = await api['flows.save']({ id: flowId, code, expectedVersion });
        const { changed, diagnostics: diags, reload, ...saved } = res;
        setFlow(saved);
        setDiagnostics(diags);
        setConflict(null);
        setRemoteVersion(null);
        setLastSave({ version: saved.version, changed, reload, at: Date.now() });
        return true;
      } catch (e) {
        if (errorCode(e) === 'VERSION_CONFLICT') {
          setConflict(await api['flows.get']({ id: flowId }));
        } else setSaveError((e as Error).message);
        return false;
      } finally {
        setSaving(false);
        live.current.saving = false;
      }
    },
    [flowId]
  );

  const save = useCallback(async () => {
    const { flow: f, saving: busy } = live.current;
    if (!f || busy) return;
    await doSave(currentCode(), f.version);
  }, [doSave, currentCode]);

  const keepMine = useCallback(async () => {
    if (!conflict) return;
    await doSave(currentCode(), conflict.version);
  }, [conflict, doSave, currentCode]);

  const takeTheirs = useCallback(() => {
    if (!conflict) return;
    setFlow(conflict);
    replaceDraft(conflict.code);
    setConflict(null);
    setRemoteVersion(null);
    setDiagnostics([]);
  }, [conflict, replaceDraft]);

  const saveCode = useCallback(
    async (code: string) => {
      const f = live.current.flow;
      if (!f) return false;
      const ok = await doSave(code, f.version);
      if (ok) replaceDraft(code);
      return ok;
    },
    [doSave, replaceDraft]
  );

  return {
    flow,
    loadError,
    draft,
    draftRev,
    dirty: flow !== null && draft !== flow.code,
    saving,
    diagnostics,
    lastSave,
    saveError,
    conflict,
    remoteVersion,
    setDraft,
    save,
    keepMine,
    takeTheirs,
    saveCode,
    dismissConflict: () => setConflict(null)
  };
}
