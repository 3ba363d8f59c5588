/**
 * Selective sync: which fields, document types and kinds this station keeps the files of, and a
 * size budget; what the current choice comes to (`sync.selection`), saved with `sync.setSelection`.
 * The choices offered are the catalog's own fields and types (`facets`).
 */
import { useState } from 'react';
import type { FormEvent } from 'react';
import { PUBLICATION_KINDS } from '../../../../shared/domain.js';
import type { SelectionCounts, SyncSelection } from '../../../../shared/sync.js';
import { client } from '../../client.js';
import { formatCount, formatSize } from '../../format.js';
import { useLanguage } from '../../i18n.js';
import type { TFunction } from '../../i18n.js';
import { ActionError } from '../ActionError.js';
import { useFormCall } from '../../staff/use-form-call.js';
import { useCall } from '../../use-call.js';
import { Loading } from '../../components/Loading.js';

const GB = 1024 ** 3;

function Choices({ legend, name, options, chosen, onChange }: { legend: string; name: string; options: { value: string; label: string }[]; chosen: string[]; onChange(next: string[]): void }) {
  return (
    <fieldset className="choice-group">
      <legend>{legend}</legend>
      <div className="choice-list">
        {options.map((option) => (
          <label key={option.value} className="check">
            <input
              type="checkbox"
              name={name}
              value={option.value}
              checked={chosen.includes(option.value)}
              onChange={(event) => onChange(event.target.checked ? [...chosen, option.value] : chosen.filter((one) => one !== option.value))}
            />
            <span>{option.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export function comesTo(t: TFunction, lang: 'vi' | 'en', counts: SelectionCounts): string {
  return t('sync.selectionComesTo', {
    kept: formatCount(lang, counts.keptFiles),
    keptBytes: formatSize(lang, counts.keptBytes),
    present: formatCount(lang, counts.presentFiles),
    presentBytes: formatSize(lang, counts.presentBytes),
    excluded: formatCount(lang, counts.excludedFiles),
    excludedBytes: formatSize(lang, counts.excludedBytes),
  });
}

function SelectionForm({ selection, counts: initial }: { selection: SyncSelection; counts: SelectionCounts }) {
  const { lang, t } = useLanguage();
  const facets = useCall('facets', {});
  const form = useFormCall();
  const [fields, setFields] = useState<string[]>(selection.fields ?? []);
  const [docTypes, setDocTypes] = useState<string[]>(selection.docTypes ?? []);
  const [kinds, setKinds] = useState<string[]>(selection.kinds ?? []);
  const [budget, setBudget] = useState(selection.maxBytes === null ? '' : String(Math.round((selection.maxBytes / GB) * 100) / 100));
  const [counts, setCounts] = useState(initial);
  const [saved, setSaved] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(null);
    const summary = await form.run(() =>
      client.call('sync.setSelection', {
        fields: fields.length ? fields : null,
        docTypes: docTypes.length ? docTypes : null,
        kinds: kinds.length ? (kinds as SyncSelection['kinds']) : null,
        maxBytes: budget.trim() ? Math.round(Number(budget.replace(',', '.')) * GB) : null,
      }),
    );
    if (!summary) return;
    setCounts(summary);
    setSaved(t('sync.selectionSaved', { removed: formatCount(lang, summary.removedFiles), freed: formatSize(lang, summary.freedBytes) }));
  };

  const valuesOf = (list: { value: string }[], chosen: string[]) => [...new Set([...list.map((one) => one.value), ...chosen])].map((value) => ({ value, label: value }));
  return (
    <form className="staff-form official-form" onSubmit={(event) => void submit(event)} aria-labelledby="selection-title">
      <h2 id="selection-title">{t('sync.selection')}</h2>
      <p className="hint">{t('sync.selectionLead')}</p>
      <p className="selection-counts" role="status" data-testid="selection-counts">
        {comesTo(t, lang, counts)}
      </p>
      <p className="hint">{t('sync.selectionAll')}</p>
      {facets.status === 'loading' && <Loading />}
      {facets.status === 'ok' && (
        <>
          <Choices legend={t('sync.selectionFields')} name="fields" options={valuesOf(facets.data.field, fields)} chosen={fields} onChange={setFields} />
          <Choices legend={t('sync.selectionTypes')} name="docTypes" options={valuesOf(facets.data.docType, docTypes)} chosen={docTypes} onChange={setDocTypes} />
        </>
      )}
      <Choices legend={t('sync.selectionKinds')} name="kinds" options={PUBLICATION_KINDS.map((kind) => ({ value: kind, label: t(`kind.${kind}`) }))} chosen={kinds} onChange={setKinds} />
      <label>
        <span>{t('sync.budget')}</span>
        <input name="budget" inputMode="decimal" pattern="[0-9]+([.,][0-9]+)?" value={budget} onChange={(event) => setBudget(event.target.value)} />
        {budget.trim() && Number.isFinite(Number(budget.replace(',', '.'))) && <small>{formatSize(lang, Math.round(Number(budget.replace(',', '.')) * GB))}</small>}
      </label>
      <ActionError error={form.error} />
      {saved && <p role="status">{saved}</p>}
      <button type="submit" className="button primary" disabled={form.busy}>
        {form.busy ? t('official.working') : t('sync.saveSelection')}
      </button>
    </form>
  );
}

export function SyncSelectionForm() {
  const current = useCall('sync.selection', {});
  if (current.status === 'loading') return <Loading />;
  if (current.status === 'error') return <ActionError error={current.error} />;
  return <SelectionForm selection={current.data.selection} counts={current.data.counts} />;
}
