import { useSyncExternalStore } from 'react';
import type { components } from '../api/schema';

export type DevUser = components['schemas']['DevToken']['user'];
export interface Session {
  token: string;
  user: DevUser;
  /** Epoch milliseconds. */
  expiresAt: number;
}

/**
 * The signed-in user: in memory, mirrored to sessionStorage so that a reload keeps the tab signed in.
 * Never localStorage: the token dies with the tab and is not shared with other tabs or left on the machine.
 */
const KEY = 'vigie.session';
let current: Session | null = read();
const listeners = new Set<() => void>();

function read(): Session | null {
  try {
    const raw = window.sessionStorage.getItem(KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as Session;
    return typeof s.token === 'string' && s.expiresAt > Date.now() ? s : null;
  } catch {
    return null;
  }
}

export function getSession(): Session | null {
  if (current && current.expiresAt <= Date.now()) signOut();
  return current;
}

export function signIn(s: Session): void {
  current = s;
  window.sessionStorage.setItem(KEY, JSON.stringify(s));
  listeners.forEach((l) => l());
}

export function signOut(): void {
  current = null;
  window.sessionStorage.removeItem(KEY);
  listeners.forEach((l) => l());
}

export function useSession(): Session | null {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => current,
  );
}
