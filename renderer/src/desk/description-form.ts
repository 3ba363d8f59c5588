/**
 * The describe form's values (text as typed) and their check: the shared description schema
 * and the rules beyond it (`descriptionProblems`: number format, a legal document's type and
 * issuer, dates in order), the same ones the engine applies, mapped to one message per field.
 */
import { descriptionProblems, documentDescriptionSchema } from '../../../shared/desk.js';
import type { DocumentDescription, DocumentDraft } from '../../../shared/desk.js';
import { LEGAL_STATUSES, PUBLICATION_KINDS } from '../../../shared/domain.js';
import type { LegalStatus, PublicationKind } from '../../../shared/domain.js';
import { tidyNumber } from '../../../shared/legal/numbers.js';
import type { MessageKey } from '../../../shared/messages.js';
import type { TFunction } from '../i18n.js';

export interface FormValues {
  kind: PublicationKind;
  title: string;
  number: string;
  docType: string;
  issuer: string;
  issuedDate: string;
  effectiveDate: string;
  /** Fields as typed, separated by commas. */
  fields: string;
  legalStatus: LegalStatus;
  language: string;
  description: string;
}

export type FieldName = keyof FormValues;
export type FieldErrors = Partial<Record<FieldName, string>>;

/** The fields in the form's order (the error summary follows it). */
export const FIELD_ORDER: FieldName[] = ['kind', 'title', 'number', 'docType', 'issuer', 'issuedDate', 'effectiveDate', 'fields', 'legalStatus', 'language', 'description'];

export const FIELD_LABELS: Record<FieldName, MessageKey> = {
  kind: 'deskUi.kind',
  title: 'deskUi.title',
  number: 'field.number',
  docType: 'field.docType',
  issuer: 'field.issuer',
  issuedDate: 'field.issuedDate',
  effectiveDate: 'field.effectiveDate',
  fields: 'field.fields',
  legalStatus: 'field.status',
  language: 'field.language',
  description: 'field.description',
};

export function isRequired(name: FieldName, kind: PublicationKind): boolean {
  return name === 'kind' || name === 'title' || name === 'language' || (kind === 'legal' && (name === 'docType' || name === 'issuer'));
}

export function valuesFromDraft(draft: DocumentDraft): FormValues {
  return {
    kind: draft.kind && PUBLICATION_KINDS.includes(draft.kind) ? draft.kind : 'legal',
    title: draft.title ?? '',
    number: draft.number ?? '',
    docType: draft.docType ?? '',
    issuer: draft.issuer ?? '',
    issuedDate: draft.issuedDate ?? '',
    effectiveDate: draft.effectiveDate ?? '',
    fields: (draft.fields ?? []).join(', '),
    legalStatus: draft.legalStatus && LEGAL_STATUSES.includes(draft.legalStatus) ? draft.legalStatus : 'unknown',
    language: draft.language ?? 'vi',
    description: draft.description ?? '',
  };
}

/** The description as the engine takes it: empty text left out, fields split on commas. */
export function descriptionInput(values: FormValues) {
  const text = (value: string) => (value.trim() === '' ? undefined : value.trim());
  return {
    kind: values.kind,
    title: values.title.trim(),
    number: text(values.number) === undefined ? undefined : tidyNumber(values.number),
    docType: text(values.docType),
    issuer: text(values.issuer),
    issuedDate: text(values.issuedDate),
    effectiveDate: text(values.effectiveDate),
    fields: values.fields.split(/[,;\n]/).map((field) => field.trim()).filter((field) => field !== ''),
    legalStatus: values.legalStatus,
    language: values.language.trim(),
    description: text(values.description),
  };
}

/** Checks the form: a message per field in error (empty when the description can be saved). */
export function checkDescription(values: FormValues, t: TFunction): { errors: FieldErrors; description: DocumentDescription | null } {
  const input = descriptionInput(values);
  const errors: FieldErrors = {};
  const label = (name: FieldName) => t(FIELD_LABELS[name]);
  const parsed = documentDescriptionSchema.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const name = issue.path[0] as FieldName;
      if (errors[name]) continue;
      if (name === 'issuedDate' || name === 'effectiveDate') errors[name] = t('deskUi.err.date');
      else if (issue.code === 'too_small' && name === 'title') errors[name] = input.title === '' ? t('deskUi.err.required', { field: label(name) }) : t('deskUi.err.titleShort');
      else if (issue.code === 'too_small') errors[name] = t('deskUi.err.required', { field: label(name) });
      else if (issue.code === 'too_big' && name === 'fields') errors[name] = t('deskUi.err.tooMany', { max: Number(issue.maximum) });
      else if (issue.code === 'too_big') errors[name] = t('deskUi.err.tooLong', { field: label(name), max: Number(issue.maximum) });
      else errors[name] = t('deskUi.err.invalid', { field: label(name) });
    }
  }
  for (const problem of descriptionProblems(input)) {
    errors[problem.path] ??= t(problem.key, problem.params);
  }
  const clean = Object.keys(errors).length === 0 && parsed.success;
  return { errors, description: clean ? parsed.data : null };
}
