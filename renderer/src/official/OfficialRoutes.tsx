/** The officials' pages under /official/… (station administration), for signed-in officials only. */
import { Route, Routes } from 'react-router';
import { NotFound } from '../components/NotFound.js';
import { RequireStaff } from '../staff/RequireStaff.js';

export function OfficialRoutes() {
  return (
    <RequireStaff role="official">
      <Routes>
        <Route path="*" element={<NotFound />} />
      </Routes>
    </RequireStaff>
  );
}
