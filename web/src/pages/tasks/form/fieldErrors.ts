import type { FormInstance } from 'antd';
import { isApiError } from '../../../api/client.ts';

/**
 * ALL-5 for a form with lists: the server names `milestones.1.date`, which is the Form.List path
 * ['milestones', 1, 'date']; a plain field keeps its name. Returns true when an error landed on a
 * field of this form (the caller then skips the toast).
 */
export function applyNestedFieldErrors(form: FormInstance, err: unknown, known: readonly string[]): boolean {
  if (!isApiError(err)) return false;
  const entries = err.fields.length > 0 ? err.fields : err.field ? [{ field: err.field, message: err.message }] : [];
  const byPath = new Map<string, { name: (string | number)[]; errors: string[] }>();
  for (const { field, message } of entries) {
    const name = field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
    if (!known.includes(String(name[0]))) continue;
    const key = name.join('.');
    const entry = byPath.get(key) ?? { name, errors: [] };
    entry.errors.push(message);
    byPath.set(key, entry);
  }
  if (byPath.size === 0) return false;
  form.setFields([...byPath.values()]);
  const first = byPath.values().next().value;
  if (first) form.scrollToField(first.name, { block: 'center' });
  return true;
}
