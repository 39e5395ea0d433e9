import type { FormInstance } from 'antd';
import { isApiError } from '../api/client.ts';

/**
 * ALL-5: put the server's field errors under their fields. Returns true when at least one
 * error landed on a field of this form, so the caller can skip the toast.
 */
export function applyFieldErrors(form: FormInstance, err: unknown, known: readonly string[]): boolean {
  if (!isApiError(err)) return false;
  const entries = err.fields.length > 0 ? err.fields : err.field ? [{ field: err.field, message: err.message }] : [];
  const byField = new Map<string, string[]>();
  for (const { field, message } of entries) {
    const name = field.split('.')[0] ?? field;
    if (!known.includes(name)) continue;
    byField.set(name, [...(byField.get(name) ?? []), message]);
  }
  if (byField.size === 0) return false;
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return true;
}
