import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import {
  ZOk,
  ZSession,
  type TChangePasswordRequest,
  type TLocale,
  type TLoginRequest,
  type TMe,
  type TSession,
} from '@opsdesk/contract';
import { api, isApiError, setAuthEvents, setCsrfToken } from './client.ts';
import { applyLocale, currentLocale } from '../i18n/index.ts';

export const SESSION_KEY = ['session'] as const;

// Set when someone picks a language while signed out: that choice is then saved to their account.
let localePickedWhileSignedOut = false;
// After 退出登录 the login page opens plain, not with ?next= pointing at the last user's page.
let signedOutOnPurpose = false;
export const wasSignedOutOnPurpose = () => signedOutOnPurpose;

/** Every session answer passes through here: CSRF token and the user's language. */
function adopt(session: TSession): TSession {
  setCsrfToken(session.csrfToken);
  const saved = session.user.locale;
  if (saved !== currentLocale()) {
    if (localePickedWhileSignedOut && !session.user.mustChangePassword) {
      localePickedWhileSignedOut = false;
      void saveLocale(currentLocale()).catch(() => undefined);
    } else if (!localePickedWhileSignedOut) {
      void applyLocale(saved);
    }
  }
  return session;
}

async function fetchSession(): Promise<TSession | null> {
  try {
    return adopt(await api('/api/auth/session', { schema: ZSession, quiet401: true }));
  } catch (err) {
    if (isApiError(err) && err.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw err;
  }
}

function saveLocale(locale: TLocale): Promise<TSession> {
  return api('/api/auth/locale', { method: 'PUT', body: { locale }, schema: ZSession });
}

export function useSession() {
  return useQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: 5 * 60_000, retry: false });
}

/** The signed-in user; only call below the route guard, which guarantees one. */
export function useMe(): TMe {
  const { data } = useSession();
  if (!data) throw new Error('useMe() outside a signed-in route');
  return data.user;
}

/** Wires the API client's 401 / forced-password answers to the session query. */
export function connectAuthEvents(queryClient: QueryClient) {
  setAuthEvents({
    onUnauthenticated: () => {
      setCsrfToken(null);
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
      queryClient.setQueryData(SESSION_KEY, null);
    },
    onPasswordChangeRequired: () => {
      queryClient.setQueryData<TSession | null>(SESSION_KEY, (old) =>
        old ? { ...old, user: { ...old.user, mustChangePassword: true } } : old,
      );
    },
  });
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TLoginRequest) =>
      api('/api/auth/login', { method: 'POST', body, schema: ZSession, quiet401: true }),
    onSuccess: (session) => {
      signedOutOnPurpose = false;
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
      queryClient.setQueryData(SESSION_KEY, adopt(session));
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api('/api/auth/logout', { method: 'POST', schema: ZOk }),
    onSettled: () => {
      signedOutOnPurpose = true;
      setCsrfToken(null);
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
      queryClient.setQueryData(SESSION_KEY, null);
    },
  });
}

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TChangePasswordRequest) =>
      api('/api/auth/password', { method: 'POST', body, schema: ZSession }),
    onSuccess: (session) => queryClient.setQueryData(SESSION_KEY, adopt(session)),
  });
}

/** Language switch: saved on the account when signed in, on this browser always. */
export function useSwitchLocale() {
  const queryClient = useQueryClient();
  const { data: session } = useSession();
  return useMutation({
    mutationFn: async (locale: TLocale) => {
      await applyLocale(locale);
      if (!session || session.user.mustChangePassword) {
        localePickedWhileSignedOut = true;
        return null;
      }
      return saveLocale(locale);
    },
    onSuccess: (saved) => {
      if (saved) queryClient.setQueryData(SESSION_KEY, saved);
    },
  });
}
