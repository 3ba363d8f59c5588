/**
 * The search box with typeahead, in the ARIA 1.2 combobox pattern: as she types, titles and
 * numbers are suggested (debounced); arrows move through them, Enter opens the chosen one (or,
 * with none chosen, searches), Escape closes the list, then clears. A touch on a suggestion
 * opens it. A whole document number ("69/2020/QH14") goes straight to that document.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { FormEvent, KeyboardEvent } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { parseNumberQuery } from '../../../shared/legal/numbers.js';
import type { Suggestion } from '../../../shared/search/results.js';
import { client } from '../client.js';
import { formatDate } from '../format.js';
import { useT } from '../i18n.js';
import { useNarrowScreen } from '../reader/shared/narrow-screen.js';
import { publicationPath, searchPath } from '../routes.js';
import type { BackTo } from '../routes.js';
import { Highlighted } from './Highlighted.js';
import { CloseIcon, SearchIcon } from './icons.js';
import '../styles/search.css';

/** Short enough that suggestions follow typing (target ≤ 100 ms end to end), long enough to coalesce a burst. */
const DEBOUNCE_MS = 30;
const SUGGESTIONS = 8;

/** A query that is one whole document number and nothing else. */
function wholeNumber(q: string): boolean {
  const parsed = parseNumberQuery(q.normalize('NFC'));
  return parsed.full.length === 1 && parsed.rest === '';
}

export function SearchBox({ initial = '', large = false, headingLevel }: { initial?: string; large?: boolean; headingLevel?: 2 }) {
  const t = useT();
  const narrow = useNarrowScreen();
  const navigate = useNavigate();
  const location = useLocation();
  const id = useId();
  const inputId = `${id}-input`;
  const listId = `${id}-list`;
  const hintId = `${id}-hint`;
  const inputRef = useRef<HTMLInputElement>(null);
  const [value, setValue] = useState(initial);
  const [typed, setTyped] = useState(false);
  const [focused, setFocused] = useState(false);
  const [suggestions, setSuggestions] = useState<{ q: string; items: Suggestion[] }>({ q: '', items: [] });
  const [active, setActive] = useState(-1);
  const [dismissed, setDismissed] = useState(false);
  const [busy, setBusy] = useState(false);

  const query = value.trim();
  useEffect(() => {
    if (!typed || !query) return;
    let current = true;
    const timer = setTimeout(() => {
      client.call('suggest', { q: query, limit: SUGGESTIONS }).then(
        (items) => current && setSuggestions({ q: query, items }),
        () => current && setSuggestions({ q: query, items: [] }),
      );
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query, typed]);

  const items = typed && query && suggestions.q === query ? suggestions.items : [];
  const open = focused && !dismissed && items.length > 0;
  const activeIndex = open && active < items.length ? active : -1;

  const back: BackTo = { path: `${location.pathname}${location.search}`, kind: location.pathname === '/search' ? 'results' : 'home' };

  const openSuggestion = (suggestion: Suggestion) => {
    setDismissed(true);
    navigate(publicationPath(suggestion.id), { state: back });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (activeIndex >= 0) {
      openSuggestion(items[activeIndex]);
      return;
    }
    if (!query) {
      inputRef.current?.focus();
      return;
    }
    setDismissed(true);
    if (wholeNumber(query)) {
      setBusy(true);
      try {
        const found = await client.call('search', { q: query, limit: 2 });
        const [first, second] = found.items;
        if (first?.matchedBy === 'number' && second?.matchedBy !== 'number') {
          navigate(publicationPath(first.publication.id), { state: { path: searchPath(query), kind: 'results' } satisfies BackTo });
          return;
        }
      } catch {
        // The results page shows what went wrong.
      } finally {
        setBusy(false);
      }
    }
    navigate(searchPath(query));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (!items.length) return;
      event.preventDefault();
      if (!open) {
        setDismissed(false);
        setActive(event.key === 'ArrowDown' ? 0 : items.length - 1);
        return;
      }
      const step = event.key === 'ArrowDown' ? 1 : -1;
      // Past either end, back to the input (no option chosen).
      const next = activeIndex + step;
      setActive(next < -1 ? items.length - 1 : next >= items.length ? -1 : next);
    } else if (event.key === 'Escape') {
      if (open) {
        event.preventDefault();
        setDismissed(true);
        setActive(-1);
      } else if (value) {
        event.preventDefault();
        setValue('');
      }
    }
  };

  const Heading = headingLevel ? 'h2' : 'p';
  return (
    <form role="search" className={large ? 'search-box large' : 'search-box'} onSubmit={submit} data-testid="search-form">
      <Heading className="search-label-line">
        <label htmlFor={inputId} className="search-label">
          {t('searchBox.label')}
        </label>
      </Heading>
      {large && (
        <p className="search-hint" id={hintId}>
          {t('searchBox.hint')}
        </p>
      )}
      <div className="search-row">
        <div className="search-field">
          <input
            ref={inputRef}
            id={inputId}
            className="search-input"
            data-testid="search-input"
            type="search"
            role="combobox"
            autoComplete="off"
            autoCorrect="off"
            autoCapitalize="off"
            spellCheck={false}
            enterKeyHint="search"
            maxLength={200}
            placeholder={t('searchBox.placeholder')}
            aria-autocomplete="list"
            aria-expanded={open}
            aria-controls={listId}
            aria-activedescendant={activeIndex >= 0 ? `${listId}-${activeIndex}` : undefined}
            aria-describedby={large ? hintId : undefined}
            value={value}
            onChange={(event) => {
              setValue(event.target.value);
              setTyped(true);
              setDismissed(false);
              setActive(-1);
            }}
            onKeyDown={onKeyDown}
            onFocus={() => setFocused(true)}
            onBlur={() => setFocused(false)}
          />
          {value && (
            <button
              type="button"
              className="search-clear"
              aria-label={t('searchBox.clear')}
              onClick={() => {
                setValue('');
                setActive(-1);
                inputRef.current?.focus();
              }}
            >
              <CloseIcon />
            </button>
          )}
          <ul
            id={listId}
            role="listbox"
            aria-label={t('searchBox.suggestions')}
            className="suggestions"
            data-testid="suggestions"
            hidden={!open}
            // Keeps focus in the input while a suggestion is pressed (touch or mouse).
            onMouseDown={(event) => event.preventDefault()}
          >
            {open &&
              items.map((item, index) => (
                <li
                  key={item.id}
                  id={`${listId}-${index}`}
                  role="option"
                  aria-selected={index === activeIndex}
                  className={index === activeIndex ? 'suggestion active' : 'suggestion'}
                  data-testid="suggestion"
                  onClick={() => openSuggestion(item)}
                  onMouseMove={() => index !== activeIndex && setActive(index)}
                >
                  <span className="suggestion-title">
                    <Highlighted text={item.title} ranges={item.titleHighlights} />
                  </span>
                  <span className="suggestion-meta">
                    {[item.docType, item.number, formatDate(item.issuedDate)].filter(Boolean).join(' · ')}
                  </span>
                </li>
              ))}
          </ul>
        </div>
        <button type="submit" className="button primary search-submit" disabled={busy}>
          <SearchIcon />
          {/* On a phone the magnifier says it on screen; the word stays for screen readers. */}
          <span className={narrow ? 'visually-hidden' : undefined}>{t('searchBox.submit')}</span>
        </button>
      </div>
      <p className="visually-hidden" role="status" aria-live="polite">
        {busy ? t('searchBox.searching') : open ? t('searchBox.suggestionCount', { count: items.length }) : ''}
      </p>
    </form>
  );
}
