/**
 * Last part of a path, for display: the core may report full paths (in a browser they are the
 * bridge's upload paths), while the clerk knows files by name.
 */
export function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || path;
}
