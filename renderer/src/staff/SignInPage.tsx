/** Signing a librarian or an official in on this screen; back to where they were going afterwards. */
import { useState } from 'react';
import type { FormEvent } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { client } from '../client.js';
import { Loading } from '../components/Loading.js';
import { useT } from '../i18n.js';
import { useDocumentTitle } from '../use-document-title.js';
import { Field } from './Field.js';
import { FormError } from './FormError.js';
import { STAFF_HOME, signInPath } from './staff-paths.js';
import { useStaff } from './staff-context.js';
import { useFormCall } from './use-form-call.js';

export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : STAFF_HOME;
}

export function SignInPage() {
  const t = useT();
  useDocumentTitle(t('staff.signInTitle'));
  const { state, refresh } = useStaff();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const form = useFormCall();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const next = safeNext(params.get('next'));

  if (!state) return <Loading />;
  if (state.firstRun) return <Navigate to={signInPath(next, true)} replace />;
  if (state.user) return <Navigate to={next} replace />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const user = await form.run(() => client.call('auth.signIn', { username, password }));
    if (!user) return;
    await refresh();
    void navigate(next, { replace: true });
  };

  return (
    <section className="staff-card" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">{t('staff.signInTitle')}</h1>
      <p className="staff-lead">{t('staff.signInLead')}</p>
      {!state.signInAllowed ? (
        <p className="notice warning">{t('accounts.notHere')}</p>
      ) : (
        <form className="staff-form" onSubmit={(event) => void submit(event)}>
          <Field label={t('staff.username')} name="username" autoComplete="username" required value={username} onChange={(event) => setUsername(event.target.value)} />
          <Field label={t('staff.password')} name="password" type="password" autoComplete="current-password" required value={password} onChange={(event) => setPassword(event.target.value)} />
          <FormError error={form.error} />
          <button type="submit" className="button primary big" disabled={form.busy}>
            {form.busy ? t('staff.signingIn') : t('staff.signIn')}
          </button>
        </form>
      )}
    </section>
  );
}
