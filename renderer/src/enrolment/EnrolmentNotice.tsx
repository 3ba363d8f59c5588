/**
 * On the officials' overview, while this station has a hub but is not approved there: why
 * nothing reaches the hub (its enrolment's state) and a link to the enrolment page. Nothing while
 * approved, with no hub, or when the enrolment cannot be read (the page itself says why).
 */
import { Link } from 'react-router';
import { useT } from '../i18n.js';
import { officialPath } from '../official/official-paths.js';
import { useCall } from '../use-call.js';

export function EnrolmentNotice() {
  const t = useT();
  const enrolment = useCall('enrolment.get', {});
  if (enrolment.status !== 'ok' || !enrolment.data.hubUrl || enrolment.data.state === 'approved') return null;
  return (
    <p className="notice warning" data-testid="enrolment-notice">
      {t('enrolScreen.notice', { state: t(`enrolScreen.state.${enrolment.data.state}`) })} <Link to={officialPath('enrolment')}>{t('enrolScreen.noticeLink')}</Link>
    </p>
  );
}
