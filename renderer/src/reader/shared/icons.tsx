/** Line icons of both readers' toolbars (decorative: every button has a text label or aria-label). */
import type { ReactNode } from 'react';
import { Icon, stroke } from '../../components/icons.js';
import './reader.css';

/** The app's icon, drawn a little bolder for the toolbars. */
const ReaderIcon = ({ children }: { children: ReactNode }) => <Icon className="reader-icon" {...stroke} strokeWidth={2.2}>{children}</Icon>;

export const BackIcon = () => <ReaderIcon><path d="M15 5l-7 7 7 7" /><path d="M8 12h12" /></ReaderIcon>;
export const PrevIcon = () => <ReaderIcon><path d="M15 5l-7 7 7 7" /></ReaderIcon>;
export const NextIcon = () => <ReaderIcon><path d="M9 5l7 7-7 7" /></ReaderIcon>;
export const ZoomInIcon = () => <ReaderIcon><circle cx="11" cy="11" r="7" /><path d="M21 21l-4.3-4.3M11 8v6M8 11h6" /></ReaderIcon>;
export const ZoomOutIcon = () => <ReaderIcon><circle cx="11" cy="11" r="7" /><path d="M21 21l-4.3-4.3M8 11h6" /></ReaderIcon>;
export const FitWidthIcon = () => <ReaderIcon><path d="M3 12h18M7 8l-4 4 4 4M17 8l4 4-4 4" /></ReaderIcon>;
export const FitPageIcon = () => <ReaderIcon><rect x="6" y="3" width="12" height="18" rx="1.5" /><path d="M9 8h6M9 12h6M9 16h4" /></ReaderIcon>;
export const PageModeIcon = () => <ReaderIcon><rect x="5" y="3" width="14" height="18" rx="1.5" /></ReaderIcon>;
export const ScrollModeIcon = () => <ReaderIcon><rect x="6" y="2" width="12" height="9" rx="1.5" /><rect x="6" y="13" width="12" height="9" rx="1.5" /></ReaderIcon>;
export const PanelIcon = () => <ReaderIcon><rect x="3" y="4" width="18" height="16" rx="1.5" /><path d="M9 4v16M5.5 8h1.5M5.5 12h1.5M5.5 16h1.5" /></ReaderIcon>;
export const SearchIcon = () => <ReaderIcon><circle cx="11" cy="11" r="7" /><path d="M21 21l-4.3-4.3" /></ReaderIcon>;
export const PrintIcon = () => <ReaderIcon><path d="M7 9V3h10v6" /><rect x="3" y="9" width="18" height="8" rx="1.5" /><path d="M7 14h10v7H7z" /></ReaderIcon>;
export const CloseIcon = () => <ReaderIcon><path d="M6 6l12 12M18 6L6 18" /></ReaderIcon>;
export const UpIcon = () => <ReaderIcon><path d="M5 15l7-7 7 7" /></ReaderIcon>;
export const DownIcon = () => <ReaderIcon><path d="M5 9l7 7 7-7" /></ReaderIcon>;
export const TocIcon = () => <ReaderIcon><path d="M8 6h13M8 12h13M8 18h13M3 6h.01M3 12h.01M3 18h.01" /></ReaderIcon>;
export const TextSizeIcon = () => <ReaderIcon><path d="M3 19l5-14 5 14M5 14h6M14 19l3.5-9 3.5 9M15.2 16h4.6" /></ReaderIcon>;
export const TextViewIcon = () => <ReaderIcon><path d="M3 19l4.5-13 4.5 13M4.7 14.5h5.6" /><path d="M15 8h6M15 12h6M15 16h6" /></ReaderIcon>;
export const MoreIcon = () => <ReaderIcon><circle cx="5" cy="12" r="1.2" /><circle cx="12" cy="12" r="1.2" /><circle cx="19" cy="12" r="1.2" /></ReaderIcon>;
