/** An input a clerk can type a value into. */
type Editable = HTMLInputElement | HTMLTextAreaElement;

const TEXT_TYPES = new Set(['text', 'search', 'tel', 'number', 'date', '']);

function isEditable(el: EventTarget | null): el is Editable {
  if (el instanceof HTMLTextAreaElement) return !el.readOnly && !el.disabled;
  return el instanceof HTMLInputElement && TEXT_TYPES.has(el.type) && !el.readOnly && !el.disabled;
}

/**
 * Click-to-fill: remembers the text input the clerk last focused (clicking a word on the page
 * takes the focus away from it) and puts a clicked word into it, as if typed, so any form's
 * own change handling runs. Without such an input the word goes to the clipboard.
 */
export function trackFillTarget(signal: AbortSignal): { fill(text: string): Promise<'filled' | 'copied'> } {
  // A field focused before the page came up (a form opened first) is the target until another is.
  let target: Editable | null = isEditable(document.activeElement) ? document.activeElement : null;
  document.addEventListener(
    'focusin',
    (event) => {
      if (isEditable(event.target)) target = event.target;
    },
    { signal },
  );
  return {
    async fill(text) {
      if (target && target.isConnected) {
        // React listens for input events and reads the value through the prototype's setter.
        const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(target), 'value')?.set;
        setter?.call(target, text);
        target.dispatchEvent(new Event('input', { bubbles: true }));
        target.focus();
        return 'filled';
      }
      await navigator.clipboard?.writeText(text).catch(() => undefined);
      return 'copied';
    },
  };
}
