/**
 * The description form of the national standard (kind, title, number, type, issuer, dates,
 * fields, legal status, language, summary), pre-filled from the draft. Saving checks each field
 * with clear messages, then looks for duplicates (same number or file) and needs an explicit
 * confirmation to save one anyway; a document with no readable text (no OCR, or OCR that read
 * nothing) is saved only after asking too.
 */
import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { isDocumentNumber } from '../../../shared/desk.js';
import type { DeskBatch, DocumentDescription, DocumentDraft, DuplicateCheck } from '../../../shared/desk.js';
import { LEGAL_STATUSES, PUBLICATION_KINDS } from '../../../shared/domain.js';
import { DOC_TYPES } from '../../../shared/legal/doc-types.js';
import { client } from '../client.js';
import { languageName } from '../format.js';
import { useLanguage } from '../i18n.js';
import { FormError } from '../staff/FormError.js';
import { useFormCall } from '../staff/use-form-call.js';
import { useCall } from '../use-call.js';
import { DateField } from '../forms/DateField.js';
import { DescribeField } from './DescribeField.js';
import { FIELD_LABELS, FIELD_ORDER, checkDescription, descriptionInput, isRequired, valuesFromDraft } from './description-form.js';
import type { FieldErrors, FieldName, FormValues } from './description-form.js';
import { batchPath, savedPath } from './desk-paths.js';
import { DuplicateNotice, hasDuplicates } from './DuplicateNotice.js';
import { rememberValues, rememberedValues } from './form-memory.js';

const LANGUAGE_CODES = ['vi', 'en', 'fr', 'zh', 'km', 'lo', 'ru'];

export function DescribeForm({ batch, draft }: { batch: DeskBatch; draft: DocumentDraft }) {
  const { t, lang } = useLanguage();
  const navigate = useNavigate();
  const form = useFormCall();
  const [values, setValues] = useState<FormValues>(() => rememberedValues(batch.id) ?? valuesFromDraft(draft));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [duplicates, setDuplicates] = useState<DuplicateCheck | null>(null);
  const [confirmed, setConfirmed] = useState(false);
  /** How many times saving without text was asked about (each time the question takes the focus), and whether it was confirmed. */
  const [noTextAsked, setNoTextAsked] = useState(0);
  const [noTextConfirmed, setNoTextConfirmed] = useState(false);
  const [saving, setSaving] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const duplicatesRef = useRef<HTMLDivElement>(null);
  const noTextRef = useRef<HTMLDivElement>(null);
  const facets = useCall('facets', {});
  const known = facets.status === 'ok' ? facets.data : null;

  useEffect(() => rememberValues(batch.id, values), [batch.id, values]);
  useEffect(() => {
    if (noTextAsked > 0) noTextRef.current?.focus();
  }, [noTextAsked]);

  // The engine checks the same rules again; should it still refuse a field, show its words at that field.
  useEffect(() => {
    const details = form.error?.code === 'invalid_input' ? (form.error.details ?? []) : [];
    const refused: FieldErrors = {};
    for (const detail of details) {
      const name = detail.path.replace(/^description\./, '').split('.')[0] as FieldName;
      if (FIELD_ORDER.includes(name)) refused[name] ??= detail.message;
    }
    if (Object.keys(refused).length > 0) setErrors(refused);
  }, [form.error]);

  const set = (name: FieldName) => (event: { target: { value: string } }) => {
    setValues((old) => ({ ...old, [name]: event.target.value }));
    if (errors[name]) setErrors(({ [name]: _fixed, ...rest }) => rest);
  };

  const checkDuplicates = async (number: string | undefined) => {
    const check = await form.run(() => client.call('desk.duplicates', { batchId: batch.id, ...(number ? { number } : {}) }));
    if (!check) return null;
    setDuplicates(check);
    if (!hasDuplicates(check)) setConfirmed(false);
    return check;
  };

  const save = async (description: DocumentDescription) => {
    setSaving(true);
    const saved = await form.run(() => client.call('desk.save', { batchId: batch.id, description, allowDuplicate: confirmed }));
    setSaving(false);
    if (!saved) {
      // Refused as a duplicate saved meanwhile, or failed: show what matches now.
      client.call('desk.duplicates', { batchId: batch.id, ...(description.number ? { number: description.number } : {}) }).then(setDuplicates, () => undefined);
      return;
    }
    rememberValues(batch.id, null);
    void navigate(savedPath(saved.publicationId), { state: { title: description.title } });
  };

  const trySave = async (withoutText: boolean) => {
    const checked = checkDescription(values, t);
    setErrors(checked.errors);
    if (!checked.description) {
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    const check = await checkDuplicates(checked.description.number);
    if (!check) return;
    if (hasDuplicates(check) && !confirmed) {
      requestAnimationFrame(() => duplicatesRef.current?.focus());
      return;
    }
    if (!batch.hasText && !withoutText) {
      setNoTextAsked((n) => n + 1);
      return;
    }
    await save(checked.description);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void trySave(noTextConfirmed);
  };
  const saveWithoutText = () => {
    setNoTextConfirmed(true);
    void trySave(true);
  };

  const errorNames = FIELD_ORDER.filter((name) => errors[name]);
  const field = (name: FieldName, hint?: string) => ({
    id: `describe-${name}`,
    label: t(FIELD_LABELS[name]),
    required: isRequired(name, values.kind),
    hint,
    error: errors[name],
  });
  const docTypes = [...new Set([...DOC_TYPES.map((type) => type.name), ...(known?.docType.map((v) => v.value) ?? [])])];
  const knownFields = known?.field.slice(0, 16).map((v) => v.value) ?? [];
  const chosenFields = descriptionInput(values).fields;
  const toggleField = (name: string) => {
    const next = chosenFields.includes(name) ? chosenFields.filter((f) => f !== name) : [...chosenFields, name];
    setValues((old) => ({ ...old, fields: next.join(', ') }));
  };

  return (
    <form className="desk-form desk-describe-form" onSubmit={submit} noValidate>
      {errorNames.length > 0 && (
        <div className="notice error" ref={summaryRef} tabIndex={-1} role="alert" data-testid="error-summary">
          <p>{t('deskUi.err.summary', { count: errorNames.length })}</p>
          <ul>
            {errorNames.map((name) => (
              <li key={name}>
                <a href={`#describe-${name}`} onClick={(event) => (event.preventDefault(), document.getElementById(`describe-${name}`)?.focus())}>
                  {errors[name]}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="desk-form-row">
        <DescribeField {...field('kind')}>
          <select value={values.kind} onChange={set('kind')}>
            {PUBLICATION_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`kind.${kind}`)}
              </option>
            ))}
          </select>
        </DescribeField>
        <DescribeField {...field('number', t('deskUi.numberHint'))}>
          <input
            value={values.number}
            onChange={set('number')}
            onBlur={() => isDocumentNumber(values.number) && void checkDuplicates(descriptionInput(values).number)}
            spellCheck={false}
            autoComplete="off"
          />
        </DescribeField>
      </div>
      <DescribeField {...field('title', t('deskUi.titleHint'))}>
        <textarea rows={2} value={values.title} onChange={set('title')} />
      </DescribeField>
      <div className="desk-form-row">
        <DescribeField {...field('docType', t('deskUi.docTypeHint'))}>
          <input value={values.docType} onChange={set('docType')} list="describe-doc-types" autoComplete="off" />
        </DescribeField>
        <DescribeField {...field('issuer', t('deskUi.issuerHint'))}>
          <input value={values.issuer} onChange={set('issuer')} list="describe-issuers" autoComplete="off" />
        </DescribeField>
      </div>
      <datalist id="describe-doc-types">
        {docTypes.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      <datalist id="describe-issuers">
        {known?.issuer.map((v) => <option key={v.value} value={v.value} />)}
      </datalist>
      <div className="desk-form-row">
        <DescribeField {...field('issuedDate')}>
          <DateField value={values.issuedDate} onChange={(value) => set('issuedDate')({ target: { value } })} />
        </DescribeField>
        <DescribeField {...field('effectiveDate')}>
          <DateField value={values.effectiveDate} onChange={(value) => set('effectiveDate')({ target: { value } })} />
        </DescribeField>
      </div>
      <DescribeField {...field('fields', t('deskUi.fieldsHint'))}>
        <input value={values.fields} onChange={set('fields')} autoComplete="off" />
      </DescribeField>
      {knownFields.length > 0 && (
        <div className="desk-field-chips" role="group" aria-label={t('field.fields')}>
          {knownFields.map((name) => (
            <button key={name} type="button" className="desk-chip" aria-pressed={chosenFields.includes(name)} onClick={() => toggleField(name)}>
              {name}
            </button>
          ))}
        </div>
      )}
      <div className="desk-form-row">
        <DescribeField {...field('legalStatus')}>
          <select value={values.legalStatus} onChange={set('legalStatus')}>
            {LEGAL_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`status.${status}`)}
              </option>
            ))}
          </select>
        </DescribeField>
        <DescribeField {...field('language')}>
          <select value={values.language} onChange={set('language')}>
            {[...new Set([values.language, ...LANGUAGE_CODES])].filter(Boolean).map((code) => (
              <option key={code} value={code}>
                {languageName(lang, code)}
              </option>
            ))}
          </select>
        </DescribeField>
      </div>
      <DescribeField {...field('description', t('deskUi.descriptionHint'))}>
        <textarea rows={4} value={values.description} onChange={set('description')} />
      </DescribeField>
      {hasDuplicates(duplicates) && <DuplicateNotice ref={duplicatesRef} check={duplicates} confirmed={confirmed} onConfirm={setConfirmed} />}
      {noTextAsked > 0 && !noTextConfirmed && (
        <div className="notice desk-warning" ref={noTextRef} tabIndex={-1} role="alert" data-testid="no-text">
          <h3 className="notice-title">{t('deskUi.noTextTitle')}</h3>
          <p>{t('deskUi.noTextLead')}</p>
          <div className="desk-actions">
            <button type="button" className="button primary" disabled={form.busy} onClick={saveWithoutText} data-testid="save-without-text">
              {t('deskUi.noTextSave')}
            </button>
            {batch.origin === 'pages' && (
              <Link className="button" to={batchPath(batch.id)}>
                {t('deskUi.noTextBack')}
              </Link>
            )}
          </div>
        </div>
      )}
      <FormError error={form.error} />
      {saving && (
        <p className="desk-busy" role="status">
          <span className="spinner" aria-hidden="true" /> {t('deskUi.saving')}
        </p>
      )}
      <button type="submit" className="button primary big" disabled={form.busy} data-testid="save">
        {t('deskUi.save')}
      </button>
    </form>
  );
}
