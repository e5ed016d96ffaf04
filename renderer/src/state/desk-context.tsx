import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { DeskClient } from '../api/desk-client';
import type { DeskActions } from './desk-actions';
import type { DeskState, DeskStore } from './desk-store';

interface DeskContextValue {
  readonly client: DeskClient;
  readonly store: DeskStore;
  readonly actions: DeskActions;
}

// Store, client and actions are created once in app/main.tsx and handed down, so nothing here is
// module-level mutable state and tests or a second window could build their own.
const DeskContext = createContext<DeskContextValue | null>(null);

export function DeskProvider(props: DeskContextValue & { readonly children: ReactNode }) {
  const { client, store, actions, children } = props;
  const value = useMemo(() => ({ client, store, actions }), [client, store, actions]);
  return <DeskContext.Provider value={value}>{children}</DeskContext.Provider>;
}

function useDeskContext(): DeskContextValue {
  const value = useContext(DeskContext);
  if (!value) throw new Error('DeskProvider is missing');
  return value;
}

/** Read a slice of state; the selector should return a primitive or a stored reference. */
export function useDesk<T>(selector: (state: DeskState) => T): T {
  return useStore(useDeskContext().store, selector);
}

export function useActions(): DeskActions {
  return useDeskContext().actions;
}

export function useClient(): DeskClient {
  return useDeskContext().client;
}

export function useDeskStore(): DeskStore {
  return useDeskContext().store;
}
