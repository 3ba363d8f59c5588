/**
 * The reader's panels, in toolbar order: each has a toolbar button (its icon and label) and a
 * body shown beside the page (over it on a phone). A new panel: copy SettingsPanel.tsx (the
 * simplest), give it its words in shared/messages/epub.ts and add one line to PANELS.
 */
import type { ComponentType } from 'react';
import type { MessageKey } from '../../../../../shared/messages.js';
import { SearchIcon, TextSizeIcon, TocIcon } from '../../shared/icons.js';
import type { ReadAloud } from '../../../text/speech/use-read-aloud.js';
import type { BookSearch } from '../use-book-search.js';
import type { OpenBook } from '../use-epub-book.js';
import type { ReaderSettings } from '../settings.js';
import { SearchPanel } from './SearchPanel.js';
import { SettingsPanel } from './SettingsPanel.js';
import { TocPanel } from './TocPanel.js';

/** What every panel is given: the open book and all the reader keeps. */
export interface PanelProps {
  book: OpenBook;
  search: BookSearch;
  settings: ReaderSettings;
  /** The station's large text (the book's text is a quarter larger). */
  largeText: boolean;
  setSettings(change: (settings: ReaderSettings) => ReaderSettings): void;
  /** Whether the screen is a phone's (the panel covers the page). */
  narrow: boolean;
  /** Closes the panel; focus goes back to its toolbar button. */
  close(): void;
  /** The words of the search that led here. */
  query?: string;
  /** Reading aloud: its voice and speed are among the settings. */
  reading: ReadAloud;
}

export interface ReaderPanel {
  /** Names its test ids: epub-tool-<id> (the button), epub-panel-<id> (the panel). */
  id: string;
  /** The button's label and the panel's heading. */
  title: MessageKey;
  /** The button's label on a phone, when `title` is too long for it. */
  short?: MessageKey;
  Icon: ComponentType;
  Body: ComponentType<PanelProps>;
}

export const PANELS: readonly ReaderPanel[] = [
  { id: 'toc', title: 'epub.toc', Icon: TocIcon, Body: TocPanel },
  { id: 'search', title: 'epub.search', short: 'epub.searchShort', Icon: SearchIcon, Body: SearchPanel },
  { id: 'settings', title: 'epub.settings', short: 'epub.settingsShort', Icon: TextSizeIcon, Body: SettingsPanel },
];
