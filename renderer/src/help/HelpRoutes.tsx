/** The built-in help under /help/… (Vietnamese first): how to scan, describe, sync, report; and the first-run guide. */
import { Route, Routes } from 'react-router';
import { FirstRunGuide } from './FirstRunGuide.js';
import { HelpIndex } from './HelpIndex.js';
import { HelpTopicPage } from './HelpTopicPage.js';
import '../styles/staff.css';
import '../styles/official.css';

export function HelpRoutes() {
  return (
    <Routes>
      <Route index element={<HelpIndex />} />
      <Route path="first-run" element={<FirstRunGuide />} />
      <Route path=":topic" element={<HelpTopicPage />} />
    </Routes>
  );
}
