import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

type Values = Record<string, string | undefined>;

/**
 * List filters and paging live in the URL so a pasted link opens the same view.
 * Changing any filter goes back to page 1.
 */
export function useUrlState<K extends string>(keys: readonly K[]) {
  const [params, setParams] = useSearchParams();
  const keyList = keys.join(',');
  const values = useMemo(() => {
    const out: Partial<Record<K, string>> = {};
    for (const key of keyList.split(',') as K[]) {
      const value = params.get(key);
      if (value) out[key] = value;
    }
    return out;
  }, [params, keyList]);

  const update = useCallback(
    (patch: Partial<Record<K | 'page' | 'pageSize', string | undefined>>) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          const touchesPaging = 'page' in patch || 'pageSize' in patch;
          for (const [key, value] of Object.entries(patch as Values)) {
            if (value === undefined || value === '') next.delete(key);
            else next.set(key, value);
          }
          if (!touchesPaging) next.delete('page');
          return next;
        },
        { replace: false },
      );
    },
    [setParams],
  );

  const page = Number(params.get('page')) || 1;
  const pageSize = Number(params.get('pageSize')) || 20;
  /** Drops every filter and the paging, keeping only `keep` (e.g. the current scope tab). */
  const clear = useCallback(
    (keep: Partial<Record<K, string>> = {}) => setParams(new URLSearchParams(keep as Record<string, string>)),
    [setParams],
  );
  return { values, update, page, pageSize, clear };
}
