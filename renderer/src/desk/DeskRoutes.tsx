/** The librarian's desk under /desk/… (home, scan screen, describe, saved), for signed-in staff. */
import { Route, Routes } from 'react-router';
import { NotFound } from '../components/NotFound.js';
import { RequireStaff } from '../staff/RequireStaff.js';
import { BatchPage } from './BatchPage.js';
import { DescribePage } from './DescribePage.js';
import { DeskHome } from './DeskHome.js';
import { SavedPage } from './SavedPage.js';
import '../styles/desk.css';

export function DeskRoutes() {
  return (
    <RequireStaff role="librarian">
      <Routes>
        <Route index element={<DeskHome />} />
        <Route path="batches/:id" element={<BatchPage />} />
        <Route path="batches/:id/describe" element={<DescribePage />} />
        <Route path="saved/:id" element={<SavedPage />} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </RequireStaff>
  );
}
