/**
 * The period of a usage page: from and to as day/month/year, "Show", and "This year" / "Last
 * year" that show at once. A page starts on this calendar year (yearPeriod).
 */
import { useState } from 'react';
import type { FormEvent } from 'react';
import { DateField } from '../forms/DateField.js';
import { useT } from '../i18n.js';

export interface Period {
  from: string;
  to: string;
}

export function yearPeriod(year: number): Period {
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

export function PeriodForm({ period, onPeriod }: { period: Period; onPeriod(next: Period): void }) {
  const t = useT();
  const year = new Date().getFullYear();
  const [draft, setDraft] = useState(period);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onPeriod(draft);
  };
  const pick = (next: Period) => {
    setDraft(next);
    onPeriod(next);
  };
  return (
    <form className="staff-form filter-form" onSubmit={submit} aria-label={t('usage.period')}>
      <label>
        <span>{t('usage.from')}</span>
        <DateField name="from" required value={draft.from} onChange={(from) => setDraft({ ...draft, from })} />
      </label>
      <label>
        <span>{t('usage.to')}</span>
        <DateField name="to" required value={draft.to} min={draft.from} onChange={(to) => setDraft({ ...draft, to })} />
      </label>
      <button type="submit" className="button primary">
        {t('usage.show')}
      </button>
      <button type="button" className="button" onClick={() => pick(yearPeriod(year))}>
        {t('usage.thisYear')}
      </button>
      <button type="button" className="button" onClick={() => pick(yearPeriod(year - 1))}>
        {t('usage.lastYear')}
      </button>
    </form>
  );
}
