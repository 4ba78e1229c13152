// Session state for the app: restores the session from the refresh cookie on page load and
// exposes the signed-in user.
import { useQueryClient } from '@tanstack/react-query';
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import { api } from '../../api/client';
import {
  clearSession,
  getUser,
  hasSessionHint,
  refreshSession,
  setSession,
  subscribe,
} from '../../api/session';
import type { AuthResponse, User } from '../../api/types';
import { clearAllDrafts } from '../questionnaires/draft';

interface AuthState {
  user: User | null;
  /** True until the page-load refresh has answered. */
  restoring: boolean;
  signedIn: (auth: AuthResponse) => void;
  signOut: () => Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const user = useSyncExternalStore(subscribe, getUser, () => null);
  const [restoring, setRestoring] = useState(true);
  const queryClient = useQueryClient();
  const previous = useRef<User | null>(null);

  useEffect(() => {
    let live = true;
    // Without the server's readable hint cookie there is no refresh cookie either: skip the
    // call that could only answer 401 (and show as a failed request).
    if (!hasSessionHint()) {
      setRestoring(false);
      return;
    }
    void refreshSession().finally(() => {
      if (live) setRestoring(false);
    });
    return () => {
      live = false;
    };
  }, []);

  // Whoever signs in next must not see the previous account's cached data.
  useEffect(() => {
    if (previous.current && (!user || user.id !== previous.current.id)) queryClient.clear();
    previous.current = user;
  }, [user, queryClient]);

  const signedIn = useCallback((auth: AuthResponse) => setSession(auth), []);

  const signOut = useCallback(async () => {
    try {
      await api.POST('/api/v1/auth/logout');
    } catch {
      // Offline: still forget the session here; the server ends it when it expires.
    }
    // Answers in progress stay with the person who gave them, not with this browser tab.
    clearAllDrafts();
    clearSession('signed_out');
  }, []);

  const value = useMemo(
    () => ({ user, restoring, signedIn, signOut }),
    [user, restoring, signedIn, signOut],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside <AuthProvider>');
  return ctx;
}
