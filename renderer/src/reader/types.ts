/** What the reader page gives a format's reader: the publication (with its legal force, for the banner), its content file and where to start. */
import type { PublicationDetail, PublicationFile } from '../../../shared/domain.js';

export interface ReaderProps {
  publication: PublicationDetail;
  file: PublicationFile;
  /** Where the file is served (the same path under app:// and http://). */
  url: string;
  /** PDF: the 1-based page to open at (an article hit). */
  initialPage?: number;
  /** Words to find and highlight on opening (the search that led here). */
  query?: string;
  /** Where "back" goes (the publication page). */
  backTo: string;
}
