/**
 * Catalog entries that look like the document being saved (same number, same file content),
 * each linked to its page, and the explicit confirmation that saving anyway needs.
 */
import type { Ref } from 'react';
import { Link } from 'react-router';
import type { PublicationSummary } from '../../../shared/domain.js';
import type { DuplicateCheck } from '../../../shared/desk.js';
import { WarningIcon } from '../components/icons.js';
import { useT } from '../i18n.js';
import { publicationPath } from '../routes.js';

export function hasDuplicates(check: DuplicateCheck | null): check is DuplicateCheck {
  return check !== null && check.byNumber.length + check.byHash.length > 0;
}

function Matches({ title, items }: { title: string; items: PublicationSummary[] }) {
  if (items.length === 0) return null;
  return (
    <>
      <p>{title}</p>
      <ul className="desk-duplicates">
        {items.map((item) => (
          <li key={item.id}>
            <Link to={publicationPath(item.id)} data-testid="duplicate">
              {item.number ? `${item.number} — ${item.title}` : item.title}
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}

interface DuplicateNoticeProps {
  check: DuplicateCheck;
  confirmed: boolean;
  onConfirm(confirmed: boolean): void;
  ref?: Ref<HTMLDivElement>;
}

export function DuplicateNotice({ check, confirmed, onConfirm, ref }: DuplicateNoticeProps) {
  const t = useT();
  return (
    <div className="notice pending desk-duplicate-notice" ref={ref} tabIndex={-1} data-testid="duplicates" aria-labelledby="duplicates-title">
      <h2 id="duplicates-title" className="notice-title">
        <WarningIcon />
        <span>{t('deskUi.dupTitle')}</span>
      </h2>
      <Matches title={t('deskUi.dupByNumber')} items={check.byNumber} />
      <Matches title={t('deskUi.dupByHash')} items={check.byHash} />
      <p>{t('deskUi.dupNeedConfirm')}</p>
      <label className="desk-choice">
        <input type="checkbox" checked={confirmed} onChange={(event) => onConfirm(event.target.checked)} data-testid="allow-duplicate" />
        <span>{t('deskUi.dupConfirm')}</span>
      </label>
    </div>
  );
}
