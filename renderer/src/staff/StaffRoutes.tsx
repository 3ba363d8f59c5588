/** The staff area under /staff/…: first-run setup, sign-in, and the staff home with its links. */
import { Route, Routes } from 'react-router';
import { NotFound } from '../components/NotFound.js';
import { RequireStaff } from './RequireStaff.js';
import { SetupPage } from './SetupPage.js';
import { SignInPage } from './SignInPage.js';
import { StaffHome } from './StaffHome.js';
import '../styles/staff.css';

export function StaffRoutes() {
  return (
    <Routes>
      <Route path="sign-in" element={<SignInPage />} />
      <Route path="setup" element={<SetupPage />} />
      <Route
        index
        element={
          <RequireStaff role="librarian">
            <StaffHome />
          </RequireStaff>
        }
      />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
