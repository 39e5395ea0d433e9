/** 6.7 MB: file and backup sizes, in the binary units file managers show. */
export function formatBytes(bytes: number): string {
  const units = ['GB', 'MB', 'KB'] as const;
  for (const [i, unit] of units.entries()) {
    const size = 1024 ** (units.length - i);
    if (bytes >= size) return `${Math.round((bytes / size) * 10) / 10} ${unit}`;
  }
  return `${bytes} B`;
}

/** Fills `{name}` placeholders of a message template. */
export const interpolate = (template: string, params: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
