import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { FilingItem, PageDetail, ResponseOf } from '../../../shared/contract';
import type { QcReason } from '../../../shared/filing/review';
import { PageDetails } from '../pages/page-details';
import { useT } from '../i18n/use-t';
import { useClient, useDesk } from '../state/desk-context';
import { pagePlace } from '../filing/use-filing';
import { formatPercent, nextOpenIndex, QC_REASON_KEYS, qcKey } from './backfile-logic';

type Sample = ResponseOf<'qc.get'>;

interface Props {
  readonly sample: Sample;
  readonly items: readonly FilingItem[];
  readonly busy: boolean;
  readonly onJudge: (pageId: string, verdict: 'pass' | 'fail', reason?: QcReason) => Promise<Sample | undefined>;
  readonly onDecide: () => void;
  readonly onRescans: () => void;
}

/**
 * Step through the sampled pages, the page large and its metadata beside it; one key per
 * verdict (P/Space pass, 1–9 reject with that reason), then on to the next page not judged yet.
 */
export function QcJudge({ sample, items, busy, onJudge, onDecide, onRescans }: Props) {
  const t = useT();
  const client = useClient();
  const pages = useDesk((s) => s.pages);
  const [index, setIndex] = useState(() => Math.max(0, sample.pages.findIndex((p) => p.verdict === null)));
  const [detail, setDetail] = useState<PageDetail | null>(null);
  const trap = useRef<HTMLDivElement>(null);
  const current = sample.pages[index];
  const pageId = current?.page ?? null;
  const page = pages.find((p) => p.id === pageId);
  const place = pagePlace(items, pageId);

  useEffect(() => trap.current?.focus(), []);
  useEffect(() => {
    let live = true;
    setDetail(null);
    if (pageId) void client.call('pages.get', { id: pageId }).then((d) => live && setDetail(d), () => undefined);
    return () => {
      live = false;
    };
  }, [client, pageId]);

  const judge = async (verdict: 'pass' | 'fail', reason?: QcReason) => {
    if (!current || sample.state !== 'open') return;
    const next = await onJudge(current.page, verdict, reason);
    if (!next) return;
    const open = nextOpenIndex(next.pages, index);
    if (open >= 0) setIndex(open);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.ctrlKey || e.metaKey || e.altKey || busy) return;
    const action = qcKey(e.key);
    if (!action) return;
    e.preventDefault();
    switch (action.type) {
      case 'pass':
        return void judge('pass');
      case 'fail':
        return void judge('fail', action.reason);
      case 'step':
        return setIndex((i) => Math.min(Math.max(0, i + action.delta), sample.pages.length - 1));
      case 'decide':
        return onDecide();
      case 'rescans':
        return onRescans();
    }
  };
  const { result } = sample;

  return (
    <div className="backfile-qc" ref={trap} tabIndex={0} onKeyDown={onKeyDown} data-testid="qc-judge" aria-label={t('backfile.qc.judgeLabel')}>
      <div className="backfile-qc-page">
        {page ? <img src={client.blobUrl(page.imageSha256)} alt={t('backfile.qc.pageAlt', { seq: page.seq })} data-testid="qc-page" /> : <p className="muted">{t('backfile.entry.noPages')}</p>}
      </div>
      <div className="backfile-qc-side">
        <p role="status" data-testid="qc-progress">
          {t('backfile.qc.progress', { n: index + 1, total: sample.pages.length, judged: result.judged, passed: result.passed, failed: result.failed })}
        </p>
        <p data-testid="qc-verdict" data-verdict={current?.verdict ?? 'none'}>
          {current?.verdict === 'pass' ? t('backfile.qc.passed') : current?.verdict === 'fail' && current.reason ? t('backfile.qc.failed', { reason: t(`backfile.qc.reason.${current.reason}`) }) : t('backfile.qc.notJudged')}
        </p>
        <ol className="backfile-strip" aria-label={t('backfile.qc.sampled')}>
          {sample.pages.map((p, i) => (
            <li key={p.page} className={i === index ? 'selected' : undefined} data-verdict={p.verdict ?? 'none'} data-testid="qc-strip-item" onMouseDown={() => setIndex(i)}>
              {i + 1}
            </li>
          ))}
        </ol>
        <ul className="backfile-keys">
          <li><kbd>P</kbd> {t('backfile.qc.pass')}</li>
          {QC_REASON_KEYS.map((r) => (
            <li key={r.key}>
              <kbd>{r.key}</kbd> {t(`backfile.qc.reason.${r.reason}`)}
            </li>
          ))}
          <li><kbd>←</kbd><kbd>→</kbd> {t('backfile.qc.step')}</li>
          <li><kbd>D</kbd> {t('backfile.qc.decideKey', { rate: formatPercent(sample.requiredPassRate) })}</li>
          <li><kbd>R</kbd> {t('backfile.qc.rescansKey')}</li>
        </ul>
        {place && (
          <dl className="backfile-agreed" data-testid="qc-item">
            <div><dt>{t('backfile.qc.item')}</dt><dd>{place.item.archivalCode ?? place.item.business ?? place.item.id}</dd></div>
            {Object.entries(place.item.fields).map(([k, v]) => (
              <div key={k}><dt>{k}</dt><dd>{v}</dd></div>
            ))}
          </dl>
        )}
        {page && <PageDetails page={page} detail={detail} />}
      </div>
    </div>
  );
}
