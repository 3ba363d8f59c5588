/**
 * The station's request to enrol with its hub: the hub's address (the one set, else the first
 * sync source, filled in), the station's name, commune and province — each required, not only
 * spaces, at most STATION_NAME_MAX characters, with the app's words when a box is wrong — sent
 * signed with the station's key (enrolment.request). The hub's answer goes back to the page.
 */
import { useState } from 'react';
import type { ChangeEvent, FormEvent } from 'react';
import { STATION_NAME_MAX } from '../../../shared/contract/stations.js';
import type { Enrolment } from '../../../shared/contract/stations.js';
import { client } from '../client.js';
import { useT } from '../i18n.js';
import { ActionError } from '../official/ActionError.js';
import { Field } from '../staff/Field.js';
import { useFormCall } from '../staff/use-form-call.js';

const HUB_URL_MAX = 500;

interface Places {
  hubUrl: string;
  name: string;
  commune: string;
  province: string;
}

export function EnrolmentForm({ enrolment, onAnswer, onRefresh }: { enrolment: Enrolment; onAnswer(answer: Enrolment): void; onRefresh(): void }) {
  const t = useT();
  const form = useFormCall();
  const [places, setPlaces] = useState<Places>({
    hubUrl: enrolment.hubUrl ?? '',
    name: enrolment.name ?? '',
    commune: enrolment.commune ?? '',
    province: enrolment.province ?? '',
  });
  const again = enrolment.state === 'pending' || enrolment.state === 'refused';

  // Required catches an empty box; a box of spaces only gets the same words.
  const edit = (field: keyof Places) => (event: ChangeEvent<HTMLInputElement>) => {
    const value = event.target.value;
    event.target.setCustomValidity(value !== '' && value.trim() === '' ? t('form.valueMissing') : '');
    setPlaces((before) => ({ ...before, [field]: value }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const answer = await form.run(() =>
      client.call('enrolment.request', { hubUrl: places.hubUrl.trim(), name: places.name.trim(), commune: places.commune.trim(), province: places.province.trim() }),
    );
    // A refusal may have changed what the station knows of itself (revoked, unknown): read it again.
    if (answer) onAnswer(answer);
    else onRefresh();
  };

  return (
    <form className="staff-form official-form enrolment-form" aria-labelledby="enrolment-form-title" onSubmit={(event) => void submit(event)} data-testid="enrolment-form">
      <h2 id="enrolment-form-title">{t(again ? 'enrolScreen.formTitleAgain' : 'enrolScreen.formTitle')}</h2>
      <Field label={t('enrolScreen.hubUrl')} hint={t('enrolScreen.hubUrlHint')} name="hubUrl" type="url" inputMode="url" required maxLength={HUB_URL_MAX} autoComplete="url" value={places.hubUrl} onChange={edit('hubUrl')} />
      <Field label={t('enrolScreen.name')} hint={t('enrolScreen.nameHint')} name="stationName" required maxLength={STATION_NAME_MAX} autoComplete="off" value={places.name} onChange={edit('name')} />
      <Field label={t('enrolScreen.commune')} hint={t('enrolScreen.communeHint')} name="commune" required maxLength={STATION_NAME_MAX} autoComplete="off" value={places.commune} onChange={edit('commune')} />
      <Field label={t('enrolScreen.province')} hint={t('enrolScreen.provinceHint')} name="province" required maxLength={STATION_NAME_MAX} autoComplete="off" value={places.province} onChange={edit('province')} />
      <ActionError error={form.error} />
      <button type="submit" className="button primary big" disabled={form.busy}>
        {form.busy ? t('enrolScreen.sending') : t(again ? 'enrolScreen.sendAgain' : 'enrolScreen.send')}
      </button>
    </form>
  );
}
