/** The built-in help under /help/… (Vietnamese first): how to scan, describe, sync, report; and the first-run guide. */
import { Route, Routes } from 'react-router';
import { NotFound } from '../components/NotFound.js';

export function HelpRoutes() {
  return (
    <Routes>
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
