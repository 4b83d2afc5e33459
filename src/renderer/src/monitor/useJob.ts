// One job with its attempts, kept fresh while shown: re-read (coalesced) when a job.updated event
// names it, and on resync.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Job } from '../../../shared/domain';
import { api } from '../api';
import { useEvent, useResync } from '../hooks';

const COALESCE_MS = 250;

export interface JobState {
  job: Job | null;
  error: string | null;
  reload: () => void;
}

export function useJob(id: number | null): JobState {
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<string | null>(null);
  const idRef = useRef(id);
  idRef.current = id;
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const reload = useCallback(() => {
    const want = idRef.current;
    if (want === null) return;
    api['jobs.get']({ id: want }).then(
      (j) => {
        if (idRef.current === want) {
          setJob(j);
          setError(null);
        }
      },
      (e: Error) => {
        if (idRef.current === want) setError(e.message);
      }
    );
  }, []);

  useEffect(() => {
    setJob(null);
    setError(null);
    reload();
    return () => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
    };
  }, [id, reload]);

  useEvent('job.updated', ({ jobs }) => {
    if (idRef.current === null || timer.current) return;
    if (!jobs.some((r) => r.id === idRef.current)) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      reload();
    }, COALESCE_MS);
  });
  useEvent('job.hang', ({ jobId }) => {
    if (jobId === idRef.current) reload();
  });
  useResync(reload);
  return { job, error, reload };
}
