import type { OcrState, PageSummary } from '../../../shared/contract';
import { flagTexts } from '../i18n/flag-text';
import type { Translate } from '../i18n/translate';
import { OcrBadge } from '../ocr/ocr-badge';

interface Props {
  readonly t: Translate;
  readonly page: PageSummary;
  readonly ocr: OcrState | undefined;
  readonly mark: { readonly document: number; readonly first: boolean } | undefined;
  /** The page's material in the screen's language (null when it has none or the scheme is loading). */
  readonly materialName: string | null;
}

/**
 * A thumbnail's state in words, in strips below the image so none of the page is covered: the
 * page and its document with the OCR state; the material; the item and whether it is filed (with
 * the 件号 of its 档号); the page's flags. Each badge carries its meaning in full as a hint.
 */
export function ThumbBadges({ t, page, ocr, mark, materialName }: Props) {
  const filing = page.filing;
  return (
    <div className="thumb-caption">
      <div className="thumb-strip">
        <span className="thumb-seq">{t('grid.seq', { seq: page.seq })}</span>
        {mark?.first && <span className="thumb-document">{t('pageEdit.document', { n: mark.document })}</span>}
        <OcrBadge t={t} state={ocr} />
      </div>
      <div className="thumb-strip">
        {filing === null ? (
          <span className="thumb-badge thumb-badge-loose" data-testid="thumb-material" data-material="" title={t('thumb.looseHint')}>
            {t('thumb.loose')}
          </span>
        ) : (
          <span
            className="thumb-badge thumb-badge-material"
            data-testid="thumb-material"
            data-material={filing.material ?? ''}
            title={t('thumb.materialHint', { name: materialName ?? filing.material ?? t('thumb.noMaterial') })}
          >
            {materialName ?? filing.material ?? t('thumb.noMaterial')}
          </span>
        )}
      </div>
      <div className="thumb-strip">
        {filing && (
          <>
            <span className="thumb-badge thumb-badge-item" data-testid="thumb-item" title={t('thumb.itemHint', { n: filing.itemSeq })}>
              {t('thumb.item', { n: filing.itemSeq })}
            </span>
            {filing.filed ? (
              <span
                className="thumb-badge thumb-badge-filed"
                data-testid="thumb-filed"
                data-filed="true"
                title={t('thumb.filedHint', { code: filing.archivalCode ?? '', number: filing.itemNumber ?? '' })}
              >
                {t('thumb.filed', { number: filing.itemNumber ?? '' })}
              </span>
            ) : (
              <span className="thumb-badge thumb-badge-draft" data-testid="thumb-filed" data-filed="false" title={t('thumb.draftHint')}>
                {t('thumb.draft')}
              </span>
            )}
          </>
        )}
      </div>
      <div className="thumb-strip">
        {flagTexts(t, page.flags).map((flag) => (
          <span key={flag.name} className="flag" title={flag.hint} data-flag={flag.name}>
            {flag.label}
          </span>
        ))}
      </div>
    </div>
  );
}
