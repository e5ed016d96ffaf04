import type { OcrState } from '../../../shared/contract';
import type { Translate } from '../i18n/translate';
import { badgeKey, stateKey } from './ocr-view';

/** A thumbnail's OCR state; nothing for pages nobody asked to read. */
export function OcrBadge({ t, state }: { readonly t: Translate; readonly state: OcrState | undefined }) {
  if (!state || state === 'none') return null;
  return (
    <span className={`ocr-badge ocr-badge-${state}`} data-testid="ocr-badge" data-ocr={state} title={t(stateKey(state))}>
      {t(badgeKey(state))}
    </span>
  );
}
