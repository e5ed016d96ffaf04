import type { FieldType } from './scheme';

/**
 * A personal value as lists show it (DOMAIN: `3701**********1234`): the head and tail a clerk
 * needs to tell records apart, the middle starred. The full value is shown only by permission,
 * and that view is audited by the core.
 */
export function maskValue(value: string, type: FieldType | 'address' = 'text'): string {
  const v = value.trim();
  if (v === '') return v;
  const chars = [...v];
  const star = (keepHead: number, keepTail: number) => {
    if (chars.length <= keepHead + keepTail) return '*'.repeat(chars.length);
    return chars.slice(0, keepHead).join('') + '*'.repeat(chars.length - keepHead - keepTail) + chars.slice(chars.length - keepTail).join('');
  };
  switch (type) {
    case 'mobile':
      return star(3, 4);
    case 'idNumber':
    case 'bankCard':
    case 'creditCode':
      return star(4, 4);
    case 'address':
      return star(Math.min(6, Math.floor(chars.length / 2)), 0);
    default:
      // Names and other text: keep the first character (张**), as Chinese notices do.
      return star(1, 0);
  }
}
