/**
 * Narrowing the results: type, issuer, year, field and legal status, each value with its count
 * and a checkbox. A side panel on a kiosk; on a phone, a button opens it above the results.
 */
import { useId, useState } from 'react';
import { DOCUMENT_STATUSES } from '../../../shared/domain.js';
import type { DocumentStatus } from '../../../shared/domain.js';
import type { Facets, FacetValue } from '../../../shared/search/results.js';
import { formatCount } from '../format.js';
import { useLanguage } from '../i18n.js';
import type { TFunction } from '../i18n.js';
import { FILTER_PARAMS } from '../routes.js';
import type { FilterParam, FilterValues } from '../routes.js';
import { ChevronDownIcon, CloseIcon, FilterIcon } from './icons.js';
import '../styles/search.css';

/** Values shown before "show more". */
const FIRST_VALUES = 6;

/** The order of the groups on screen: what residents know first. */
const GROUPS: readonly FilterParam[] = ['field', 'docType', 'issuer', 'year', 'legalStatus'];

/** A filter value in words: legal statuses are codes. */
export function filterValueLabel(t: TFunction, name: FilterParam, value: string): string {
  if (name === 'legalStatus' && (DOCUMENT_STATUSES as readonly string[]).includes(value)) return t(`status.${value as DocumentStatus}`);
  return value;
}

export function activeFilterCount(filters: FilterValues): number {
  return FILTER_PARAMS.reduce((sum, name) => sum + (filters[name]?.length ?? 0), 0);
}

interface FacetPanelProps {
  facets: Facets | null;
  total: number;
  filters: FilterValues;
  onToggle(name: FilterParam, value: string): void;
  onClear(): void;
}

export function FacetPanel({ facets, total, filters, onToggle, onClear }: FacetPanelProps) {
  const { lang, t } = useLanguage();
  const id = useId();
  const [open, setOpen] = useState(false);
  const active = activeFilterCount(filters);
  const groups = GROUPS.map((name) => ({ name, values: groupValues(facets, name, filters[name] ?? []) })).filter(
    // A group with one value every result has narrows nothing; keep it only while chosen.
    ({ name, values }) => (filters[name]?.length ?? 0) > 0 || (values.length > 0 && !(values.length === 1 && values[0].count >= total)),
  );
  if (groups.length === 0 && active === 0) return null;
  return (
    <aside className="facet-panel-wrap" aria-labelledby={`${id}-heading`} data-testid="facets">
      <button type="button" className="button facet-toggle" data-testid="facet-toggle" aria-expanded={open} aria-controls={`${id}-panel`} onClick={() => setOpen(!open)}>
        <FilterIcon />
        <span>{open ? t('facets.hide') : t('facets.show')}</span>
        {active > 0 && <span className="facet-active-count">({t('facets.activeCount', { count: active })})</span>}
        <ChevronDownIcon />
      </button>
      <div id={`${id}-panel`} className={open ? 'facet-panel open' : 'facet-panel'}>
        <h2 id={`${id}-heading`} className="facet-heading">
          {t('facets.heading')}
        </h2>
        {active > 0 && (
          <div className="facet-active">
            <p className="facet-active-title">{t('facets.active')}</p>
            <ul className="chips">
              {FILTER_PARAMS.flatMap((name) =>
                (filters[name] ?? []).map((value) => (
                  <li key={`${name}=${value}`}>
                    <button type="button" className="chip" onClick={() => onToggle(name, value)} aria-label={t('facets.remove', { value: filterValueLabel(t, name, value) })}>
                      <span>{filterValueLabel(t, name, value)}</span>
                      <CloseIcon />
                    </button>
                  </li>
                )),
              )}
            </ul>
            {active > 1 && (
              <button type="button" className="button small" onClick={onClear}>
                {t('facets.clearAll')}
              </button>
            )}
          </div>
        )}
        {groups.map(({ name, values }) => (
          <FacetGroup key={name} name={name} values={values} chosen={filters[name] ?? []} onToggle={onToggle} formatNumber={(n) => formatCount(lang, n)} />
        ))}
      </div>
    </aside>
  );
}

/** The facet's values, with chosen values always present (a chosen value can count 0 after other choices). */
function groupValues(facets: Facets | null, name: FilterParam, chosen: string[]): FacetValue[] {
  const values = [...(facets?.[name] ?? [])];
  for (const value of chosen) if (!values.some((v) => v.value === value)) values.push({ value, count: 0 });
  if (name === 'year') values.sort((a, b) => Number(b.value) - Number(a.value));
  return values;
}

function FacetGroup({
  name,
  values,
  chosen,
  onToggle,
  formatNumber,
}: {
  name: FilterParam;
  values: FacetValue[];
  chosen: string[];
  onToggle(name: FilterParam, value: string): void;
  formatNumber(n: number): string;
}) {
  const t = useLanguage().t;
  const [expanded, setExpanded] = useState(false);
  const id = useId();
  // Chosen values stay visible even when folded away below "show more".
  const shown = expanded ? values : values.filter((v, i) => i < FIRST_VALUES || chosen.includes(v.value));
  const hidden = values.length - shown.length;
  return (
    <fieldset className="facet-group" data-testid={`facet-${name}`}>
      <legend className="facet-legend">{t(`facets.${name}`)}</legend>
      <ul className="facet-values" id={`${id}-values`}>
        {shown.map((v) => {
          const checked = chosen.includes(v.value);
          return (
            <li key={v.value}>
              <label className={checked ? 'facet-value checked' : 'facet-value'}>
                <input type="checkbox" checked={checked} onChange={() => onToggle(name, v.value)} />
                <span className="facet-name">{filterValueLabel(t, name, v.value)}</span>
                <span className="facet-count" data-testid="facet-count">
                  {formatNumber(v.count)}
                </span>
              </label>
            </li>
          );
        })}
      </ul>
      {(hidden > 0 || expanded) && values.length > FIRST_VALUES && (
        <button type="button" className="link-button" aria-controls={`${id}-values`} aria-expanded={expanded} onClick={() => setExpanded(!expanded)}>
          {expanded ? t('facets.less') : t('facets.more', { count: hidden })}
        </button>
      )}
    </fieldset>
  );
}
