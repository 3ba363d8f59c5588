/** The officials' pages under /official/… (station administration), for signed-in officials only. */
import { Route, Routes } from 'react-router';
import { NotFound } from '../components/NotFound.js';
import { RequireStaff } from '../staff/RequireStaff.js';
import { AccountsPage } from './AccountsPage.js';
import { AuditPage } from './AuditPage.js';
import { OfficialLayout } from './OfficialLayout.js';
import { OverviewPage } from './OverviewPage.js';
import { SettingsPage } from './SettingsPage.js';
import { StoragePage } from './StoragePage.js';
import { UsagePage } from './UsagePage.js';
import { ModerationPage } from '../moderation/ModerationPage.js';
import { EnrolmentPage } from '../enrolment/EnrolmentPage.js';
import { StationsPage } from '../enrolment/StationsPage.js';
import { NetworkUsagePage } from '../enrolment/NetworkUsagePage.js';
import { UpdatesPage } from '../updates/UpdatesPage.js';
import { SyncPage } from './sync/SyncPage.js';
import '../styles/staff.css';
import '../styles/official.css';

export function OfficialRoutes() {
  return (
    <RequireStaff role="official">
      <Routes>
        <Route index element={<OverviewPage />} />
        <Route path="sync" element={<SyncPage />} />
        <Route path="storage" element={<StoragePage />} />
        <Route path="settings" element={<SettingsPage />} />
        <Route path="accounts" element={<AccountsPage />} />
        <Route path="audit" element={<AuditPage />} />
        <Route path="usage" element={<UsagePage />} />
        <Route
          path="updates"
          element={
            <OfficialLayout page="updates" ownHeading>
              <UpdatesPage />
            </OfficialLayout>
          }
        />
        <Route path="enrolment" element={<EnrolmentPage />} />
        <Route path="stations" element={<StationsPage />} />
        <Route path="network" element={<NetworkUsagePage />} />
        <Route
          path="moderation"
          element={
            <OfficialLayout page="moderation" ownHeading>
              <ModerationPage />
            </OfficialLayout>
          }
        />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </RequireStaff>
  );
}
