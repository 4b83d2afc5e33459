// The system's light/dark preference, live. Monaco and charts need it as a value, not just CSS.
import { useSyncExternalStore } from 'react';

const query = typeof window !== 'undefined' ? window.matchMedia('(prefers-color-scheme: dark)') : null;

function subscribe(listener: () => void): () => void {
  query?.addEventListener('change', listener);
  return () => query?.removeEventListener('change', listener);
}

const snapshot = (): 'light' | 'dark' => (query?.matches ? 'dark' : 'light');

export function useColorScheme(): 'light' | 'dark' {
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}
