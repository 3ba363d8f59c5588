/** The outbox under /outbox/…: documents sent (or waiting to be sent) to the hub, with their state. */
import { Route, Routes } from 'react-router';
import { NotFound } from '../components/NotFound.js';
import { RequireStaff } from '../staff/RequireStaff.js';
import { OutboxPage } from './OutboxPage.js';

export function OutboxRoutes() {
  return (
    <RequireStaff role="librarian">
      <Routes>
        <Route index element={<OutboxPage />} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </RequireStaff>
  );
}
