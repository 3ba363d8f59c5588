/** The staff home: who is signed in, the way to each area they may use, a password change and sign-out. */
import { useState } from 'react';
import type { FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { PASSWORD_MIN } from '../../../shared/accounts.js';
import { client } from '../client.js';
import { useT } from '../i18n.js';
import { useDocumentTitle } from '../use-document-title.js';
import { Field } from './Field.js';
import { FormError } from './FormError.js';
import { DESK_HOME, HELP_HOME, OFFICIAL_HOME } from './staff-paths.js';
import { useStaff } from './staff-context.js';
import { useFormCall } from './use-form-call.js';

function ChangePassword() {
  const t = useT();
  const form = useFormCall();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [done, setDone] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    if (await form.run(() => client.call('auth.changePassword', { current, next }))) {
      setDone(true);
      setCurrent('');
      setNext('');
    }
  };
  return (
    <details className="staff-details">
      <summary>{t('staff.changePassword')}</summary>
      <form className="staff-form" onSubmit={(event) => void submit(event)}>
        <Field label={t('staff.currentPassword')} type="password" autoComplete="current-password" required value={current} onChange={(event) => setCurrent(event.target.value)} />
        <Field label={t('staff.newPassword')} hint={t('staff.passwordHint', { min: PASSWORD_MIN })} type="password" autoComplete="new-password" required minLength={PASSWORD_MIN} value={next} onChange={(event) => setNext(event.target.value)} />
        <FormError error={form.error} />
        {done && <p role="status">{t('staff.passwordChanged')}</p>}
        <button type="submit" className="button" disabled={form.busy}>
          {t('staff.changePassword')}
        </button>
      </form>
    </details>
  );
}

export function StaffHome() {
  const t = useT();
  useDocumentTitle(t('staff.homeTitle'));
  const { state, signOut } = useStaff();
  const navigate = useNavigate();
  const user = state?.user;
  if (!user) return null;
  return (
    <section className="staff-home" aria-labelledby="staff-home-title">
      <h1 id="staff-home-title">{t('staff.hello', { name: user.displayName })}</h1>
      <p className="staff-lead">{t(user.role === 'official' ? 'staff.roleOfficial' : 'staff.roleLibrarian')}</p>
      <ul className="staff-areas">
        <li>
          <Link className="staff-area" to={DESK_HOME}>
            <strong>{t('staff.deskTitle')}</strong>
            <span>{t('staff.deskLead')}</span>
          </Link>
        </li>
        {user.role === 'official' && (
          <li>
            <Link className="staff-area" to={OFFICIAL_HOME}>
              <strong>{t('staff.officialTitle')}</strong>
              <span>{t('staff.officialLead')}</span>
            </Link>
          </li>
        )}
        <li>
          <Link className="staff-area" to={HELP_HOME}>
            <strong>{t('staff.helpTitle')}</strong>
            <span>{t('staff.helpLead')}</span>
          </Link>
        </li>
      </ul>
      <ChangePassword />
      <button
        type="button"
        className="button big"
        onClick={() => {
          // Leave the staff pages first, so the guard does not send this screen to the sign-in form.
          void navigate('/', { replace: true });
          void signOut();
        }}
      >
        {t('staff.signOut')}
      </button>
    </section>
  );
}
