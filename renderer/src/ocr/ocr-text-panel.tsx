import { useEffect, useMemo, useState } from 'react';
import type { OcrState } from '../../../shared/contract';
import { useT } from '../i18n/use-t';
import { uprightRows } from '../../../shared/ocr/reading-order';
import { isPending, lineSegments, percent, stateKey } from './ocr-view';
import { usePageOcrView } from './use-page-ocr';

/** Beside the page: its state, its text in reading order with hoverable words, and the proposed fields. */
export function OcrTextPanel() {
  const t = useT();
  const view = usePageOcrView();
  // The clerk checks and corrects proposals here (typing, or clicking words on the page).
  const [values, setValues] = useState<Record<number, string>>({});
  useEffect(() => setValues({}), [view?.ocr]);
  const rows = useMemo(() => (view?.ocr ? uprightRows(view.ocr) : []), [view?.ocr]);
  if (!view) return null;
  const { ocr, status, hovered, setHovered, fill, readNow } = view;
  const state: OcrState = ocr ? 'done' : (status?.state ?? 'none');

  return (
    <aside className="ocr-panel" data-testid="ocr-panel" data-state={state} aria-label={t('ocr.panel')}>
      <h3>{t('ocr.panel')}</h3>
      {!ocr && (
        <div className="ocr-status">
          <p className={isPending(state) ? 'muted ocr-pending' : 'muted'} data-testid="ocr-state">
            {t(stateKey(state))}
            {status?.engine && <span data-testid="ocr-engine"> · {t(`ocr.engine.${status.engine}`)}</span>}
          </p>
          {status?.error && <p className="ocr-error">{t('ocr.error', { message: status.error })}</p>}
          {(state === 'failed' || state === 'cancelled' || state === 'none') && (
            <button type="button" onClick={readNow} data-testid="ocr-read-now">
              {state === 'failed' ? t('ocr.retry') : t('ocr.readNow')}
            </button>
          )}
        </div>
      )}
      {ocr && (
        <>
          <p className="muted ocr-summary" title={ocr.model} data-testid="ocr-engine" data-engine={ocr.engine}>
            {t('ocr.summary', { engine: t(`ocr.engine.${ocr.engine}`), confidence: percent(ocr.confidence) })}
            {ocr.angle !== 0 && <span> · {t('ocr.angle', { angle: ocr.angle })}</span>}
          </p>
          <p className="muted ocr-hint">{t('ocr.fillHint')}</p>
          <h4>{t('ocr.fields')}</h4>
          {ocr.proposals.length === 0 ? (
            <p className="muted">{t('ocr.noFields')}</p>
          ) : (
            <ul className="ocr-fields" data-testid="ocr-fields">
              {ocr.proposals.map((p, i) => (
                <li key={`${p.field}:${p.value}:${i}`} data-testid="ocr-field" data-field={p.field} title={p.notes.join('\n')}>
                  <label className="ocr-field-name" htmlFor={`ocr-field-${i}`}>{p.field}</label>
                  <input
                    id={`ocr-field-${i}`}
                    className="ocr-field-value"
                    data-testid="ocr-field-input"
                    value={values[i] ?? p.value}
                    onChange={(e) => setValues((v) => ({ ...v, [i]: e.target.value }))}
                  />
                  <span className="muted">{t('ocr.fieldConfidence', { confidence: percent(p.confidence) })}</span>
                </li>
              ))}
            </ul>
          )}
          <h4>{t('ocr.text')}</h4>
          <div className="ocr-text" data-testid="ocr-text" lang="zh-CN" onMouseLeave={() => setHovered(null)}>
            {rows.map((row, ri) => (
              <p key={ri} className="ocr-line">
                {row.map(({ line }) => {
                  const li = ocr.lines.indexOf(line);
                  return (
                    <span key={li} className="ocr-cell">
                      {lineSegments(line).map((segment, si) => {
                        if (segment.word === null) return <span key={si}>{segment.text}</span>;
                        const key = `${li}:${segment.word}`;
                        return (
                          <span
                            key={si}
                            className={hovered === key ? 'ocr-text-word is-hovered' : 'ocr-text-word'}
                            data-testid="ocr-text-word"
                            onMouseEnter={() => setHovered(key)}
                            onMouseDown={(e) => e.preventDefault()}
                            onClick={() => void fill(segment.text)}
                          >
                            {segment.text}
                          </span>
                        );
                      })}
                    </span>
                  );
                })}
              </p>
            ))}
          </div>
        </>
      )}
    </aside>
  );
}
