/**
 * /official/accounts: the station's staff accounts — create a librarian or an official, rename,
 * disable or enable, reset a password (accounts.*). An official cannot disable themself (the
 * engine refuses; the button is not offered).
 */
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { PASSWORD_MIN, STAFF_ROLES } from '../../../shared/accounts.js';
import type { StaffAccount, StaffRole } from '../../../shared/accounts.js';
import { client } from '../client.js';
import { useT } from '../i18n.js';
import { useCall } from '../use-call.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { Loading } from '../components/Loading.js';
import { ActionError } from './ActionError.js';
import { useStaff } from '../staff/staff-context.js';
import { useFormCall } from '../staff/use-form-call.js';
import { OfficialLayout } from './OfficialLayout.js';
import { formatDateTime } from '../format.js';

type Editing = { kind: 'rename' | 'reset'; id: number } | null;

function AccountRow({ account, self, editing, onEdit, onDone }: { account: StaffAccount; self: boolean; editing: Editing; onEdit(editing: Editing): void; onDone(message: string): void }) {
  const t = useT();
  const form = useFormCall();
  const [value, setValue] = useState('');
  const mine = editing?.id === account.id ? editing.kind : null;
  const toggle = async () => {
    const next = await form.run(() => client.call('accounts.update', { id: account.id, disabled: !account.disabled }));
    if (next) onDone(t('acc.updated', { name: next.displayName }));
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const next = await form.run(() =>
      mine === 'rename' ? client.call('accounts.update', { id: account.id, displayName: value }) : client.call('accounts.resetPassword', { id: account.id, password: value }),
    );
    if (!next) return;
    setValue('');
    onDone(mine === 'rename' ? t('acc.updated', { name: next.displayName }) : t('acc.passwordReset', { name: next.displayName }));
  };
  return (
    <li className={`official-card account${account.disabled ? ' is-disabled' : ''}`} data-testid="account" data-username={account.username}>
      <h3>
        {account.displayName} {self && <small>{t('acc.you')}</small>}
      </h3>
      <dl className="official-facts">
        <div>
          <dt>{t('acc.col.username')}</dt>
          <dd>
            <code>{account.username}</code>
          </dd>
        </div>
        <div>
          <dt>{t('acc.col.role')}</dt>
          <dd>{t(`acc.role.${account.role}`)}</dd>
        </div>
        <div>
          <dt>{t('acc.col.state')}</dt>
          <dd>
            <span className={`tone tone-${account.disabled ? 'bad' : 'ok'}`}>{t(account.disabled ? 'acc.disabled' : 'acc.active')}</span>
          </dd>
        </div>
        <div>
          <dt>{t('acc.col.lastSignIn')}</dt>
          <dd>{account.lastSignInAt ? formatDateTime(account.lastSignInAt) : t('acc.never')}</dd>
        </div>
      </dl>
      <div className="official-actions">
        <button type="button" className="button" aria-expanded={mine === 'rename'} onClick={() => onEdit(mine === 'rename' ? null : { kind: 'rename', id: account.id })}>
          {t('acc.rename')}
        </button>
        <button type="button" className="button" aria-expanded={mine === 'reset'} onClick={() => onEdit(mine === 'reset' ? null : { kind: 'reset', id: account.id })}>
          {t('acc.reset')}
        </button>
        {!self && (
          <button type="button" className="button" disabled={form.busy} onClick={() => void toggle()}>
            {t(account.disabled ? 'acc.enable' : 'acc.disable')}
          </button>
        )}
      </div>
      {mine && (
        <form className="staff-form inline-form" onSubmit={(event) => void submit(event)}>
          <label>
            <span>{t(mine === 'rename' ? 'acc.newName' : 'acc.newPassword', { name: account.displayName })}</span>
            {mine === 'rename' ? (
              <input name="displayName" required autoComplete="off" value={value} onChange={(event) => setValue(event.target.value)} />
            ) : (
              <input name="newPassword" type="password" required minLength={PASSWORD_MIN} autoComplete="new-password" value={value} onChange={(event) => setValue(event.target.value)} />
            )}
          </label>
          <div className="official-actions">
            <button type="submit" className="button primary" disabled={form.busy}>
              {t(mine === 'rename' ? 'acc.rename' : 'acc.reset')}
            </button>
            <button type="button" className="button" onClick={() => onEdit(null)}>
              {t('official.cancel')}
            </button>
          </div>
        </form>
      )}
      <ActionError error={form.error} />
    </li>
  );
}

function CreateAccount({ onDone }: { onDone(message: string): void }) {
  const t = useT();
  const id = useId();
  const form = useFormCall();
  const [displayName, setDisplayName] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<StaffRole>('librarian');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const account = await form.run(() => client.call('accounts.create', { displayName, username, password, role }));
    if (!account) return;
    setDisplayName('');
    setUsername('');
    setPassword('');
    onDone(t('acc.created', { name: account.displayName }));
  };
  return (
    <form className="staff-form official-form" onSubmit={(event) => void submit(event)} aria-labelledby="create-account-title" data-testid="create-account">
      <h2 id="create-account-title">{t('acc.create')}</h2>
      <label>
        <span>{t('staff.displayName')}</span>
        <input name="displayName" required autoComplete="off" value={displayName} onChange={(event) => setDisplayName(event.target.value)} />
      </label>
      <label>
        <span>{t('staff.username')}</span>
        <input
          name="username"
          required
          autoComplete="off"
          pattern="[a-zA-Z0-9][a-zA-Z0-9._\-]{2,39}"
          aria-describedby={`${id}-username-hint`}
          value={username}
          onChange={(event) => setUsername(event.target.value)}
        />
        <small id={`${id}-username-hint`}>{t('staff.usernameHint')}</small>
      </label>
      <label>
        <span>{t('staff.password')}</span>
        <input
          name="password"
          type="password"
          required
          minLength={PASSWORD_MIN}
          autoComplete="new-password"
          aria-describedby={`${id}-password-hint`}
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        <small id={`${id}-password-hint`}>{t('staff.passwordHint', { min: PASSWORD_MIN })}</small>
      </label>
      <label>
        <span>{t('acc.role')}</span>
        <select name="role" value={role} onChange={(event) => setRole(event.target.value as StaffRole)}>
          {STAFF_ROLES.map((one) => (
            <option key={one} value={one}>
              {t(`acc.role.${one}`)}
            </option>
          ))}
        </select>
      </label>
      <ActionError error={form.error} />
      <button type="submit" className="button primary" disabled={form.busy}>
        {t('acc.create')}
      </button>
    </form>
  );
}

export function AccountsPage() {
  const t = useT();
  const accounts = useCall('accounts.list', {});
  const self = useStaff().state?.user?.id;
  const [editing, setEditing] = useState<Editing>(null);
  const [message, setMessage] = useState<string | null>(null);
  const done = (text: string) => {
    setEditing(null);
    setMessage(text);
    accounts.retry();
  };
  return (
    <OfficialLayout page="accounts" lead={t('acc.lead')}>
      <p role="status" className="official-status">
        {message}
      </p>
      <div className="official-columns">
        <section className="official-section" aria-labelledby="accounts-list-title">
          <h2 id="accounts-list-title">{t('acc.list')}</h2>
          {accounts.status === 'loading' && <Loading />}
          {accounts.status === 'error' && <ErrorMessage error={accounts.error} onRetry={accounts.retry} />}
          {accounts.status === 'ok' && (
            <ul className="official-cards">
              {accounts.data.map((account) => (
                <AccountRow key={account.id} account={account} self={account.id === self} editing={editing} onEdit={setEditing} onDone={done} />
              ))}
            </ul>
          )}
        </section>
        <CreateAccount onDone={done} />
      </div>
    </OfficialLayout>
  );
}
