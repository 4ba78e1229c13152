import { useSyncExternalStore } from 'react';
import { getUser, subscribe } from '../../api/session';
import type { User } from '../../api/types';

/**
 * The signed-in account, or null, straight from the session (no <AuthProvider> needed): for
 * parts that only read who is signed in, such as picking the crisis numbers' country.
 */
export function useSessionUser(): User | null {
  return useSyncExternalStore(subscribe, getUser, () => null);
}
