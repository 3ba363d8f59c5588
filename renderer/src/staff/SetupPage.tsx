/**
 * First start: the station asks for its first official account, then goes to the first-run
 * guide — at the station itself outside kiosk mode only. A kiosk (its address says so, or the
 * station does: auth.state's setupAllowed) or a phone on the LAN is told how the official creates
 * the account at the station instead, so nobody passing by the kiosk can make themself official.
 */
import { useState } from 'react';
import type { FormEvent } from 'react';
import { Link, Navigate, useNavigate } from 'react-router';
import { PASSWORD_MIN } from '../../../shared/accounts.js';
import { client } from '../client.js';
import { Loading } from '../components/Loading.js';
import { useT } from '../i18n.js';
import { useDocumentTitle } from '../use-document-title.js';
import { readKioskMode } from '../kiosk/mode.js';
import { Field } from './Field.js';
import { FormError } from './FormError.js';
import { FIRST_RUN_GUIDE, signInPath } from './staff-paths.js';
import { useStaff } from './staff-context.js';
import { useFormCall } from './use-form-call.js';

/** How the first official is created where this screen may not: at the station, outside kiosk mode, or on its command line. */
function SetupElsewhere() {
  const t = useT();
  useDocumentTitle(t('staff.setupElsewhereTitle'));
  return (
    <section className="staff-card" aria-labelledby="setup-title" data-testid="setup-elsewhere">
      <h1 id="setup-title">{t('staff.setupElsewhereTitle')}</h1>
      <p className="staff-lead">{t('staff.setupElsewhereLead')}</p>
      <ol className="staff-steps">
        <li>{t('staff.setupAtStation')}</li>
        <li>
          {t('staff.setupByCommand', { min: PASSWORD_MIN })}
          <pre>
            <code>{t('staff.setupCommand')}</code>
          </pre>
        </li>
      </ol>
      <Link className="button big" to="/">
        {t('staff.setupHome')}
      </Link>
    </section>
  );
}

export function SetupPage() {
  const { state } = useStaff();
  if (!state) return <Loading />;
  if (!state.firstRun) return <Navigate to={signInPath()} replace />;
  if (!state.setupAllowed || readKioskMode(window.location.search).kiosk) return <SetupElsewhere />;
  return <SetupForm />;
}

function SetupForm() {
  const t = useT();
  useDocumentTitle(t('staff.setupTitle'));
  const { refresh } = useStaff();
  const navigate = useNavigate();
  const form = useFormCall();
  const [displayName, setDisplayName] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [mismatch, setMismatch] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMismatch(password !== again);
    if (password !== again) return;
    const user = await form.run(() => client.call('auth.setup', { username, displayName, password }));
    if (!user) return;
    // Leave this page before the state changes, or it would send the new official to sign in.
    void navigate(FIRST_RUN_GUIDE, { replace: true });
    await refresh();
  };

  return (
    <section className="staff-card" aria-labelledby="setup-title">
      <h1 id="setup-title">{t('staff.setupTitle')}</h1>
      <p className="staff-lead">{t('staff.setupLead')}</p>
      <form className="staff-form" onSubmit={(event) => void submit(event)}>
        <Field label={t('staff.displayName')} name="displayName" autoComplete="name" required value={displayName} onChange={(event) => setDisplayName(event.target.value)} />
        <Field label={t('staff.username')} hint={t('staff.usernameHint')} name="username" autoComplete="username" required pattern="[a-zA-Z0-9][a-zA-Z0-9._\-]{2,39}" value={username} onChange={(event) => setUsername(event.target.value)} />
        <Field label={t('staff.password')} hint={t('staff.passwordHint', { min: PASSWORD_MIN })} name="password" type="password" autoComplete="new-password" required minLength={PASSWORD_MIN} value={password} onChange={(event) => setPassword(event.target.value)} />
        <Field label={t('staff.passwordAgain')} name="passwordAgain" type="password" autoComplete="new-password" required value={again} onChange={(event) => setAgain(event.target.value)} />
        {mismatch && (
          <p className="form-error" role="alert">
            {t('staff.passwordMismatch')}
          </p>
        )}
        <FormError error={form.error} />
        <button type="submit" className="button primary big" disabled={form.busy}>
          {t('staff.setupSubmit')}
        </button>
      </form>
    </section>
  );
}
