import { useEffect, useRef } from 'react';
import { Route, Routes, useLocation, useSearchParams } from 'react-router';
import { Footer } from './components/Footer.js';
import { Header, MAIN_ID, focusMain } from './components/Header.js';
import { NotFound } from './components/NotFound.js';
import { HomePage } from './pages/HomePage.js';
import { PublicationPage } from './pages/PublicationPage.js';
import { ReaderPage } from './pages/ReaderPage.js';
import { SearchPage } from './pages/SearchPage.js';
import { TextViewPage } from './text/TextViewPage.js';
import { DeskRoutes } from './desk/DeskRoutes.js';
import { HelpRoutes } from './help/HelpRoutes.js';
import { OfficialRoutes } from './official/OfficialRoutes.js';
import { OutboxRoutes } from './outbox/OutboxRoutes.js';
import { StaffRoutes } from './staff/StaffRoutes.js';
import { useValidationWords } from './forms/use-validation-words.js';

/**
 * After moving to another page (not on first load, not on a sort change), start at the top
 * and put keyboard and screen-reader focus on the main region, as a page load would.
 */
function useResetOnNavigate() {
  const { pathname } = useLocation();
  const [params] = useSearchParams();
  const place = `${pathname}?page=${params.get('page') ?? '1'}`;
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    window.scrollTo(0, 0);
    focusMain();
  }, [place]);
}

export function App() {
  useResetOnNavigate();
  useValidationWords();
  return (
    <div className="app">
      <Header />
      <main id={MAIN_ID} tabIndex={-1} className="site-main">
        <Routes>
          <Route path="/" element={<HomePage />} />
          <Route path="/publications/:id" element={<PublicationPage />} />
          <Route path="/search" element={<SearchPage />} />
          <Route path="/read/:id" element={<ReaderPage />} />
          <Route path="/text/:id" element={<TextViewPage />} />
          <Route path="/staff/*" element={<StaffRoutes />} />
          <Route path="/desk/*" element={<DeskRoutes />} />
          <Route path="/official/*" element={<OfficialRoutes />} />
          <Route path="/outbox/*" element={<OutboxRoutes />} />
          <Route path="/help/*" element={<HelpRoutes />} />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </main>
      <Footer />
    </div>
  );
}
