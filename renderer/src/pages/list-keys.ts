/** What a key does in a keyboard list of a dialog: move the highlight, or choose a line. */
export type ListKeyResult = { readonly kind: 'highlight'; readonly index: number } | { readonly kind: 'choose'; readonly index: number } | null;

/**
 * ↑/↓ move the highlight (stopping at the ends), Home/End jump, Enter chooses the highlighted
 * line and 1–9 choose a line by its number, so a list of a few lines takes one key.
 */
export function listKey(key: string, index: number, count: number): ListKeyResult {
  if (count === 0) return null;
  const at = Math.min(Math.max(index, 0), count - 1);
  switch (key) {
    case 'ArrowDown':
      return { kind: 'highlight', index: Math.min(at + 1, count - 1) };
    case 'ArrowUp':
      return { kind: 'highlight', index: Math.max(at - 1, 0) };
    case 'Home':
      return { kind: 'highlight', index: 0 };
    case 'End':
      return { kind: 'highlight', index: count - 1 };
    case 'Enter':
      return { kind: 'choose', index: at };
    default: {
      const n = /^[1-9]$/.test(key) ? Number(key) - 1 : -1;
      return n >= 0 && n < count ? { kind: 'choose', index: n } : null;
    }
  }
}
