import { useState, type KeyboardEvent } from 'react';
import { checklistOn, describeCondition } from '../../../shared/filing/checklist';
import { RetentionCode, type BusinessType, type ChecklistVersion } from '../../../shared/filing/scheme';
import { addedChecklists, checklistEditable, checklistKey, type FixedRule, type SchemeEdit } from '../../../shared/filing/scheme-edit';
import { matchBusinesses } from '../filing/filing-logic';
import { useT } from '../i18n/use-t';
import { useNamePair } from './name-cells';
import { retentionText, ruleText } from './scheme-text';
import type { SchemeDraftState } from './use-scheme-draft';

interface Props {
  readonly state: SchemeDraftState;
  readonly edits: readonly SchemeEdit[];
  readonly edit: (edit: SchemeEdit) => boolean;
}

/** Business types (filtered by typing, ↑↓ to choose) and the chosen one's retention and checklists. */
export function ChecklistEditor({ state, edits, edit }: Props) {
  const t = useT();
  const [filter, setFilter] = useState('');
  const [index, setIndex] = useState(0);
  const matches = matchBusinesses(state.businessTypes, filter);
  const at = Math.max(0, Math.min(index, matches.length - 1));
  const business = state.draft?.businessTypes.find((b) => b.code === matches[at]?.code);

  const onFilterKey = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    setIndex(Math.max(0, Math.min(at + (e.key === 'ArrowDown' ? 1 : -1), matches.length - 1)));
  };

  return (
    <div className="scheme-checklists">
      <div className="scheme-business-list">
        <input
          autoFocus
          className="filing-filter"
          data-testid="scheme-business-filter"
          value={filter}
          placeholder={t('schemeAdmin.filter')}
          aria-label={t('schemeAdmin.filter')}
          onChange={(e) => {
            setFilter(e.target.value);
            setIndex(0);
          }}
          onKeyDown={onFilterKey}
        />
        <ul className="filing-options" role="listbox" aria-label={t('schemeAdmin.tab.checklists')}>
          {matches.map((b, i) => (
            <li key={b.code} role="option" aria-selected={i === at} className={i === at ? 'selected' : undefined} onMouseDown={() => setIndex(i)} data-testid="scheme-business-option">
              <span>
                {b.className} · {b.name}
              </span>
              <code>{b.code}</code>
            </li>
          ))}
        </ul>
      </div>
      {business && state.draft && <BusinessDetail key={business.code} business={business} state={state} edits={edits} edit={edit} />}
    </div>
  );
}

function BusinessDetail({ business, state, edits, edit }: Props & { readonly business: BusinessType }) {
  const t = useT();
  const body = state.draft!;
  const inForce = checklistOn(business, state.today);
  const added = addedChecklists(edits);
  const [chosen, setChosen] = useState(inForce?.version ?? business.checklists[0]!.version);
  const version = business.checklists.find((v) => v.version === chosen) ?? business.checklists[0]!;
  const cls = body.classes.find((c) => c.code === business.class);
  const dossierKey = `schemeAdmin.dossier.${business.dossier}` as const;

  return (
    <section className="scheme-business" data-testid="scheme-business" data-business={business.code}>
      <h3>
        {business.code} {business.name}
      </h3>
      <dl className="scheme-facts">
        <dt>{t('schemeAdmin.business.class')}</dt>
        <dd>{cls ? `${cls.code} ${cls.name}` : business.class}</dd>
        <dt>{t('schemeAdmin.business.dossier')}</dt>
        <dd>{t(dossierKey)}</dd>
        <dt>{t('schemeAdmin.retention')}</dt>
        <dd>
          <select
            data-testid="business-retention"
            value={business.retention ?? ''}
            onChange={(e) => edit({ kind: 'business-retention', business: business.code, retention: e.target.value === '' ? null : RetentionCode.parse(e.target.value) })}
          >
            <option value="">{t('schemeAdmin.retention.inherit', { code: cls?.retention ?? '' })}</option>
            {RetentionCode.options.map((code) => (
              <option key={code} value={code}>
                {retentionText(t, code)}
              </option>
            ))}
          </select>
        </dd>
      </dl>
      <h4>{t('schemeAdmin.checklists')}</h4>
      <div className="scheme-versions" role="group" aria-label={t('schemeAdmin.checklists')}>
        {business.checklists.map((v) => (
          <button key={v.version} type="button" aria-pressed={v.version === version.version} onClick={() => setChosen(v.version)} data-testid="checklist-version" data-version={v.version}>
            <strong>{v.version}</strong> {v.versionEn && <span lang="en">{v.versionEn}</span>} {t('schemeAdmin.checklist.from', { from: v.effectiveFrom })}
            {v === inForce && <span className="scheme-badge">{t('schemeAdmin.checklist.inForce')}</span>}
            {added.has(checklistKey(business.code, v.version)) && <span className="scheme-badge">{t('schemeAdmin.checklist.added')}</span>}
          </button>
        ))}
      </div>
      <VersionNames
        key={`${version.version}\u0000${version.versionEn ?? ''}`}
        business={business}
        version={version}
        editable={checklistEditable(version, state.today, added.has(checklistKey(business.code, version.version)))}
        edit={edit}
        onRenamed={setChosen}
      />
      <ChecklistEntries business={business} version={version} editable={checklistEditable(version, state.today, added.has(checklistKey(business.code, version.version)))} state={state} edit={edit} />
      <NewVersionForm business={business} edit={edit} onAdded={setChosen} />
    </section>
  );
}

function ChecklistEntries({ business, version, editable, state, edit }: { business: BusinessType; version: ChecklistVersion; editable: boolean; state: SchemeDraftState; edit: Props['edit'] }) {
  const t = useT();
  const body = state.draft!;
  const unlisted = body.materialTypes.filter((m) => !version.materials.some((e) => e.material === m.code));
  const [material, setMaterial] = useState('');
  const [rule, setRule] = useState<FixedRule>('required');
  const name = (code: string) => body.materialTypes.find((m) => m.code === code)?.name ?? code;
  const target = { business: business.code, version: version.version };

  return (
    <div className="scheme-entries" data-testid="checklist-entries" data-version={version.version}>
      {version.basis && <p className="muted">{t('schemeAdmin.checklist.basis', { basis: version.basis })}</p>}
      {!editable && <p className="muted">{t('schemeAdmin.checklist.readOnly')}</p>}
      <table className="scheme-table">
        <tbody>
          {version.materials.map((entry) => (
            <tr key={entry.material} data-testid="checklist-entry" data-material={entry.material} data-rule={entry.rule}>
              <td>{name(entry.material)}</td>
              <td>
                <code>{entry.material}</code>
              </td>
              <td>
                {editable ? (
                  <select
                    aria-label={name(entry.material)}
                    value={entry.rule}
                    onChange={(e) => edit({ kind: 'set-rule', ...target, material: entry.material, rule: e.target.value === 'optional' ? 'optional' : 'required' })}
                  >
                    {entry.rule === 'conditional' && <option value="conditional">{t('schemeAdmin.rule.conditional', { condition: describeCondition(entry.when) })}</option>}
                    <option value="required">{ruleText(t, 'required')}</option>
                    <option value="optional">{ruleText(t, 'optional')}</option>
                  </select>
                ) : entry.rule === 'conditional' ? (
                  t('schemeAdmin.rule.conditional', { condition: describeCondition(entry.when) })
                ) : (
                  ruleText(t, entry.rule)
                )}
              </td>
              <td>
                {editable && (
                  <button type="button" className="button-quiet" onClick={() => edit({ kind: 'remove-material', ...target, material: entry.material })}>
                    {t('schemeAdmin.material.remove')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {editable && (
        <div className="scheme-row">
          <select data-testid="add-material-select" value={material} onChange={(e) => setMaterial(e.target.value)} aria-label={t('schemeAdmin.material.choose')}>
            <option value="">{t('schemeAdmin.material.choose')}</option>
            {unlisted.map((m) => (
              <option key={m.code} value={m.code}>
                {m.name}（{m.code}）
              </option>
            ))}
          </select>
          <select data-testid="add-material-rule" value={rule} onChange={(e) => setRule(e.target.value === 'optional' ? 'optional' : 'required')} aria-label={t('schemeAdmin.rule.required')}>
            <option value="required">{ruleText(t, 'required')}</option>
            <option value="optional">{ruleText(t, 'optional')}</option>
          </select>
          <button
            type="button"
            data-testid="add-material"
            disabled={material === ''}
            onClick={() => edit({ kind: 'add-material', ...target, material, rule }) && setMaterial('')}
          >
            {t('schemeAdmin.material.add')}
          </button>
        </div>
      )}
    </div>
  );
}

/**
 * The chosen version's names in both languages. Its English name may change on any version; its
 * Chinese name only where its materials may (a version in force is on record by that name).
 */
function VersionNames({ business, version, editable, edit, onRenamed }: { business: BusinessType; version: ChecklistVersion; editable: boolean; edit: Props['edit']; onRenamed: (version: string) => void }) {
  const t = useT();
  const pair = useNamePair(version.version, version.versionEn ?? '', (name, nameEn) => {
    if (!edit({ kind: 'rename-checklist', business: business.code, version: version.version, name, nameEn })) return false;
    onRenamed(name.trim());
    return true;
  });
  return (
    <fieldset className="scheme-version-names" data-testid="checklist-version-names">
      <legend>{t('schemeAdmin.checklist.names')}</legend>
      <label>
        {t('schemeAdmin.column.name')}
        <input data-testid="checklist-version-name" value={pair.zh} maxLength={40} readOnly={!editable} onChange={(e) => pair.setZh(e.target.value)} onBlur={pair.onBlur} />
      </label>
      <label>
        {t('schemeAdmin.column.nameEn')}
        <input data-testid="checklist-version-name-en" lang="en" value={pair.en} maxLength={40} onChange={(e) => pair.setEn(e.target.value)} onBlur={pair.onBlur} />
      </label>
      {!editable && <span className="muted">{t('schemeAdmin.checklist.nameFixed')}</span>}
    </fieldset>
  );
}

/** A new checklist version: name, effective date and policy reference; Enter in any field adds it. */
function NewVersionForm({ business, edit, onAdded }: { business: BusinessType; edit: Props['edit']; onAdded: (version: string) => void }) {
  const t = useT();
  const [version, setVersion] = useState('');
  const [versionEn, setVersionEn] = useState('');
  const [effectiveFrom, setEffectiveFrom] = useState('');
  const [basis, setBasis] = useState('');
  const add = () => {
    if (!edit({ kind: 'add-checklist', business: business.code, version: version.trim(), versionEn: versionEn.trim(), effectiveFrom: effectiveFrom.trim(), basis })) return;
    onAdded(version.trim());
    setVersion('');
    setVersionEn('');
    setEffectiveFrom('');
    setBasis('');
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Enter' || e.ctrlKey || e.metaKey) return;
    e.preventDefault();
    add();
  };
  return (
    <fieldset className="scheme-new-version">
      <legend>{t('schemeAdmin.newVersion.title')}</legend>
      <label>
        {t('schemeAdmin.newVersion.name')}
        <input data-testid="new-version-name" value={version} maxLength={40} onChange={(e) => setVersion(e.target.value)} onKeyDown={onKeyDown} />
      </label>
      <label>
        {t('schemeAdmin.newVersion.nameEn')}
        <input data-testid="new-version-name-en" lang="en" value={versionEn} maxLength={40} onChange={(e) => setVersionEn(e.target.value)} onKeyDown={onKeyDown} />
      </label>
      <label>
        {t('schemeAdmin.newVersion.date')}
        <input data-testid="new-version-date" value={effectiveFrom} maxLength={10} onChange={(e) => setEffectiveFrom(e.target.value)} onKeyDown={onKeyDown} />
      </label>
      <label>
        {t('schemeAdmin.newVersion.basis')}
        <input data-testid="new-version-basis" value={basis} maxLength={200} onChange={(e) => setBasis(e.target.value)} onKeyDown={onKeyDown} />
      </label>
      <button type="button" data-testid="new-version-add" onClick={add}>
        {t('schemeAdmin.newVersion.add')}
      </button>
    </fieldset>
  );
}
