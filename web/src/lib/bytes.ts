/** 6.7 MB: file and backup sizes, binary units as the file managers show them. */
export function formatBytes(bytes: number): string {
  const units = ['GB', 'MB', 'KB'] as const;
  for (const [i, unit] of units.entries()) {
    const size = 1024 ** (units.length - i);
    if (bytes >= size) return `${Math.round((bytes / size) * 10) / 10} ${unit}`;
  }
  return `${bytes} B`;
}
