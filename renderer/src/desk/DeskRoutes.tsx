/** The librarian's desk under /desk/… (scan, pages, OCR, describe, outbox), for signed-in staff. */
import { Route, Routes } from 'react-router';
import { NotFound } from '../components/NotFound.js';
import { RequireStaff } from '../staff/RequireStaff.js';

export function DeskRoutes() {
  return (
    <RequireStaff role="librarian">
      <Routes>
        <Route path="*" element={<NotFound />} />
      </Routes>
    </RequireStaff>
  );
}
