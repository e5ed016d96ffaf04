import { useEffect, useState, type FormEvent } from 'react';
import type { Batch, ResponseOf } from '../../../shared/contract';
import { Dialog } from '../ui/dialog';
import { useT } from '../i18n/use-t';
import { useActions, useClient, useDesk } from '../state/desk-context';
import { mappingTargets, remap } from './backfile-logic';
import { LinkReport } from './link-report';
import { CallError, useCall } from './use-call';
import { useMay } from '../session/use-may';
import { ReadOnlyNote } from '../session/read-only-note';

type Preview = ResponseOf<'catalogue.preview'>;
type Imported = ResponseOf<'catalogue.import'>;
type Linked = ResponseOf<'catalogue.link'>;

/** Rows of the file shown under the mapping: enough to judge each column, few enough to read. */
const PREVIEW_ROWS = 8;

/** 数据挂接 for who may import and link catalogues; anyone else gets one line saying who does it. */
export function CatalogueDialog({ batch }: { readonly batch: Batch }) {
  const t = useT();
  const actions = useActions();
  if (useMay('catalogue.link')) return <CatalogueSteps batch={batch} />;
  return (
    <Dialog title={t('backfile.catalogue.title', { batch: batch.name })} testId="catalogue-dialog" className="backfile-dialog" onClose={actions.close} closeLabel={t('backfile.close')}>
      <ReadOnlyNote text={t('roles.catalogueReadOnly')} />
    </Dialog>
  );
}

/**
 * 数据挂接 in three steps on one screen: read the catalogue (xlsx/csv) and check the column mapping
 * against its first rows, import it into the open batch, then link an image folder to its rows by
 * a naming rule and see what is left unmatched on either side. Paths are the station's own.
 */
function CatalogueSteps({ batch }: { readonly batch: Batch }) {
  const t = useT();
  const client = useClient();
  const actions = useActions();
  const language = useDesk((s) => s.language);
  const { error, busy, run } = useCall();
  const [elements, setElements] = useState<readonly string[]>([]);
  const [file, setFile] = useState('');
  const [preview, setPreview] = useState<{ path: string; value: Preview } | null>(null);
  const [imported, setImported] = useState<Imported | null>(null);
  const [imagesDir, setImagesDir] = useState('');
  const [rule, setRule] = useState('{档号}-{页号}');
  const [linked, setLinked] = useState<Linked | null>(null);

  useEffect(() => {
    void run(async () => setElements((await client.call('scheme.get', {})).body.fields.map((f) => f.key)));
  }, [client, run]);

  const load = async (path: string, mapping: Record<string, string | null>) => {
    const value = await run(() => client.call('catalogue.preview', { path, mapping }));
    if (value) {
      setPreview({ path, value });
      setImported(null);
      setLinked(null);
    }
  };
  const onPreview = (e: FormEvent) => {
    e.preventDefault();
    if (file.trim()) void load(file.trim(), {});
  };
  const onImport = async () => {
    if (!preview) return;
    const result = await run(() => client.call('catalogue.import', { batchId: batch.id, path: preview.path, mapping: { ...preview.value.mapping } }));
    if (result) setImported(result);
  };
  const onLink = async (e: FormEvent) => {
    e.preventDefault();
    if (!imported || !imagesDir.trim()) return;
    const result = await run(() => client.call('catalogue.link', { catalogueId: imported.catalogue, imagesDir: imagesDir.trim(), rule: rule.trim() }));
    if (result) setLinked(result);
  };
  const problemsOf = (value: Preview) => value.rows.flatMap((r) => r.problems.map((p) => ({ rowNo: r.rowNo, text: language === 'en' ? p.message.en : p.message.zh })));

  return (
    <Dialog title={t('backfile.catalogue.title', { batch: batch.name })} testId="catalogue-dialog" className="backfile-dialog backfile-wide" onClose={actions.close} closeLabel={t('backfile.close')}>
      <CallError error={error} />
      <form className="backfile-section" onSubmit={onPreview} noValidate>
        <h3>{t('backfile.catalogue.step1')}</h3>
        <label className="field">
          <span className="field-label">{t('backfile.catalogue.file')}</span>
          <input data-testid="catalogue-path" value={file} placeholder={t('backfile.catalogue.filePlaceholder')} onChange={(e) => setFile(e.target.value)} autoFocus />
        </label>
        <div className="modal-actions">
          <button type="submit" className="button-primary" disabled={busy || file.trim() === ''} data-testid="catalogue-preview">
            {t('backfile.catalogue.preview')}
          </button>
        </div>
      </form>

      {preview && (
        <section className="backfile-section" data-testid="catalogue-mapping">
          <h3>{t('backfile.catalogue.step2')}</h3>
          <p className="muted">{t('backfile.catalogue.mappingHint')}</p>
          <div className="backfile-scroll">
            <table className="backfile-table backfile-preview">
              <thead>
                <tr>
                  <th>{t('backfile.catalogue.rowNo')}</th>
                  {preview.value.headers.map((h) => (
                    <th key={h} scope="col">
                      <div>{h}</div>
                      <select
                        aria-label={t('backfile.catalogue.mapColumn', { column: h })}
                        data-testid={`map-${h}`}
                        value={preview.value.mapping[h] ?? ''}
                        disabled={busy || imported !== null}
                        onChange={(e) => void load(preview.path, remap(preview.value.mapping, h, e.target.value))}
                      >
                        <option value="">{t('backfile.catalogue.ignore')}</option>
                        {mappingTargets(elements, preview.value.mapping, h).map((el) => (
                          <option key={el} value={el}>
                            {el}
                          </option>
                        ))}
                      </select>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {preview.value.cells.slice(0, PREVIEW_ROWS).map((cells, i) => (
                  <tr key={i} data-testid="catalogue-row" data-problems={preview.value.rows[i]?.problems.length ?? 0}>
                    <td>{preview.value.rows[i]?.rowNo ?? i + 2}</td>
                    {preview.value.headers.map((h, c) => (
                      <td key={h} className={preview.value.mapping[h] ? undefined : 'muted'}>
                        {cells[c] ?? ''}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p role="status" data-testid="catalogue-summary">
            {t('backfile.catalogue.summary', { total: preview.value.total, problems: preview.value.rowsWithProblems })}
          </p>
          {problemsOf(preview.value).length > 0 && (
            <ul className="backfile-warnings" data-testid="catalogue-problems">
              {problemsOf(preview.value).map((p, i) => (
                <li key={i}>{t('backfile.catalogue.rowProblem', { row: p.rowNo, problem: p.text })}</li>
              ))}
            </ul>
          )}
          <div className="modal-actions">
            <button type="button" className="button-primary" disabled={busy || imported !== null} onClick={() => void onImport()} data-testid="catalogue-import">
              {t('backfile.catalogue.import')}
            </button>
          </div>
          {imported && (
            <p role="status" data-testid="catalogue-imported">
              {t('backfile.catalogue.imported', { rows: imported.rows, problems: imported.rowsWithProblems })}
            </p>
          )}
        </section>
      )}

      {imported && (
        <form className="backfile-section" onSubmit={(e) => void onLink(e)} noValidate>
          <h3>{t('backfile.catalogue.step3')}</h3>
          <div className="backfile-row">
            <label className="field backfile-grow">
              <span className="field-label">{t('backfile.catalogue.images')}</span>
              <input data-testid="link-dir" value={imagesDir} placeholder={t('backfile.catalogue.imagesPlaceholder')} onChange={(e) => setImagesDir(e.target.value)} autoFocus />
            </label>
            <label className="field">
              <span className="field-label">{t('backfile.catalogue.rule')}</span>
              <input data-testid="link-rule" value={rule} onChange={(e) => setRule(e.target.value)} />
            </label>
          </div>
          <p className="muted">{t('backfile.catalogue.ruleHint')}</p>
          <div className="modal-actions">
            <button type="submit" className="button-primary" disabled={busy || imagesDir.trim() === ''} data-testid="link-run">
              {busy ? t('backfile.working') : t('backfile.catalogue.link')}
            </button>
          </div>
        </form>
      )}
      {linked && <LinkReport report={linked} />}
    </Dialog>
  );
}
