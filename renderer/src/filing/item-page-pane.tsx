import { useEffect, useMemo, useRef, useState, type FocusEvent, type KeyboardEvent, type RefObject } from 'react';
import type { OcrState, PageSummary } from '../../../shared/contract';
import { useT } from '../i18n/use-t';
import { fitScale } from '../pages/zoom';
import { OcrWordLayer } from '../ocr/ocr-word-layer';
import { isPending, percent, stateKey } from '../ocr/ocr-view';
import { PageOcrProvider, usePageOcrView } from '../ocr/use-page-ocr';
import { moveCursor, readingWords, selectedKeys, selectedText, wordKey, type WordSelection } from '../ocr/word-cursor';
import { useClient, useDesk } from '../state/desk-context';
import { useElementSize } from '../ui/use-element-size';

interface ItemPagePaneProps {
  /** The pages the clerk may key from, in batch order; PageUp/PageDown on the form turn them. */
  readonly pageIds: readonly string[];
  readonly index: number;
  /** The page's words, focused by F4 from any field. */
  readonly wordsRef: RefObject<HTMLDivElement | null>;
}

/**
 * Beside the item form: a page with its OCR word boxes, so the clerk fills a field by clicking a
 * word (or picking words with the keyboard and pressing Enter) without leaving the form. The
 * text goes into the field as if typed, so the form handles it like any keyed value.
 */
export function ItemPagePane({ pageIds, index, wordsRef }: ItemPagePaneProps) {
  const t = useT();
  const page = useDesk((s) => s.pages.find((p) => p.id === pageIds[index]) ?? null);
  if (!page) {
    return (
      <aside className="item-pages" data-testid="item-pages" aria-label={t('ocr.form.pages')}>
        <p className="muted">{t('ocr.form.noPages')}</p>
      </aside>
    );
  }
  // Not keyed by page: the remembered field survives turning pages.
  return (
    <PageOcrProvider page={page}>
      <PaneBody page={page} index={index} count={pageIds.length} wordsRef={wordsRef} />
    </PageOcrProvider>
  );
}

function PaneBody({ page, index, count, wordsRef }: { page: PageSummary; index: number; count: number; wordsRef: ItemPagePaneProps['wordsRef'] }) {
  const t = useT();
  const client = useClient();
  const view = usePageOcrView();
  const size = useElementSize(wordsRef);
  const returnTo = useRef<HTMLElement | null>(null);
  const [selection, setSelection] = useState<WordSelection | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const ocr = view?.ocr ?? null;
  const words = useMemo(() => (ocr ? readingWords(ocr) : []), [ocr]);
  useEffect(() => setSelection(null), [words]);
  const keys = useMemo(() => selectedKeys(words, selection), [words, selection]);
  if (!view) return null;

  const state: OcrState = ocr ? 'done' : (view.status?.state ?? 'none');
  const engine = ocr?.engine ?? view.status?.engine ?? null;
  const scale = size.width > 0 ? fitScale(page.width, page.height, 0, size.width, size.height, 4) : 0;

  const fillSelection = async () => {
    const text = selectedText(words, selection);
    if (!text) return;
    const how = await view.fill(text);
    setSelection(null);
    setNotice(how === 'filled' ? t('ocr.filled', { value: text }) : t('ocr.copied', { value: text }));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.ctrlKey || e.metaKey || e.altKey || e.key === 'Tab') return;
    // Single keys stay inside the form: the main screen's shortcuts must not act behind it.
    // PageUp/PageDown and F2 still reach the form's own handler.
    e.preventDefault();
    const action = wordKey(e.key, e.shiftKey);
    if (!action) return;
    e.stopPropagation();
    if (action.type === 'move') setSelection((s) => moveCursor(words, s, action.move, action.extend));
    else if (action.type === 'fill') void fillSelection();
    else returnTo.current?.focus();
  };

  const onFocus = (e: FocusEvent<HTMLDivElement>) => {
    if (e.relatedTarget instanceof HTMLElement && !e.currentTarget.contains(e.relatedTarget)) returnTo.current = e.relatedTarget;
    setSelection((s) => s ?? moveCursor(words, null, 'first', false));
  };

  return (
    <aside className="item-pages" data-testid="item-pages" aria-label={t('ocr.form.pages')}>
      <header className="item-pages-head">
        <strong data-testid="item-page-position">{t('ocr.form.page', { index: index + 1, count })}</strong>
        <span className={isPending(state) ? 'muted ocr-pending' : 'muted'} data-testid="item-page-ocr" data-state={state} data-engine={engine ?? ''}>
          {ocr ? t('ocr.summary', { engine: t(`ocr.engine.${ocr.engine}`), confidence: percent(ocr.confidence) }) : t(stateKey(state))}
          {!ocr && engine && ` · ${t(`ocr.engine.${engine}`)}`}
        </span>
        {(state === 'failed' || state === 'cancelled') && (
          <button type="button" className="button-quiet" onClick={view.readNow}>
            {t('ocr.retry')}
          </button>
        )}
      </header>
      <div
        ref={wordsRef}
        className="item-pages-stage"
        tabIndex={0}
        role="group"
        aria-label={t('ocr.form.words')}
        data-testid="item-page-words"
        data-selection={selectedText(words, selection)}
        onKeyDown={onKeyDown}
        onFocus={onFocus}
        onBlur={() => setSelection(null)}
      >
        {scale > 0 && (
          <div className="item-pages-canvas" style={{ width: page.width * scale, height: page.height * scale }}>
            <img
              className="item-pages-image"
              data-testid="item-page-image"
              src={client.blobUrl(page.imageSha256)}
              alt={t('viewer.imageAlt', { seq: page.seq })}
              draggable={false}
              style={{ width: page.width * scale, height: page.height * scale }}
            />
            <OcrWordLayer scale={scale} rotation={0} selected={keys} />
          </div>
        )}
      </div>
      <p className="muted item-pages-hint">{t('ocr.form.hint')}</p>
      {notice && (
        <p className="item-pages-notice" role="status" data-testid="item-fill-notice">
          {notice}
        </p>
      )}
    </aside>
  );
}
