/**
 * A legal text's table of contents: parts and chapters (folded away when the text is long)
 * down to articles; each article opens the reader at its page when the file is here.
 */
import { Link } from 'react-router';
import type { SectionSummary } from '../../../shared/domain.js';
import { useT } from '../i18n.js';
import { readerPath } from '../routes.js';
import '../styles/search.css';

/** Above this many articles, chapters start folded. */
const OPEN_UP_TO = 30;

interface Node {
  section: SectionSummary;
  children: Node[];
}

function buildTree(sections: SectionSummary[]): Node[] {
  const nodes = new Map(sections.map((s) => [s.id, { section: s, children: [] as Node[] }]));
  const roots: Node[] = [];
  for (const s of [...sections].sort((a, b) => a.start - b.start)) {
    const node = nodes.get(s.id)!;
    const parent = s.parent === null ? undefined : nodes.get(s.parent);
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

function articleCount(node: Node): number {
  return node.section.level === 'article' ? 1 : node.children.reduce((sum, child) => sum + articleCount(child), 0);
}

export function TableOfContents({ id, sections, readable, headingId }: { id: string; sections: SectionSummary[]; readable: boolean; headingId: string }) {
  const t = useT();
  const shown = sections.filter((s) => s.level !== 'clause');
  const roots = buildTree(shown);
  const articles = shown.filter((s) => s.level === 'article').length;
  const open = articles <= OPEN_UP_TO;
  return (
    <section className="toc" aria-labelledby={headingId} data-testid="toc">
      <h2 id={headingId}>
        {t('publication.toc')} <span className="toc-count">({t('publication.tocCount', { count: articles })})</span>
      </h2>
      {readable && <p className="toc-hint">{t('publication.tocHint')}</p>}
      <ul className="toc-list">
        {roots.map((node) => (
          <TocNode key={node.section.id} node={node} id={id} readable={readable} open={open} />
        ))}
      </ul>
    </section>
  );
}

function TocNode({ node, id, readable, open }: { node: Node; id: string; readable: boolean; open: boolean }) {
  const t = useT();
  const s = node.section;
  if (s.level === 'article') {
    const label = (
      <>
        <span className="toc-article">
          <span className="toc-number">{`${t('level.article')} ${s.number}.`}</span> {s.heading}
        </span>
        {s.page !== null && <span className="toc-page">{t('publication.articlePage', { page: s.page })}</span>}
      </>
    );
    return (
      <li>
        {readable ? (
          <Link className="toc-link" to={readerPath(id, { page: s.page ?? undefined })} data-testid="toc-article">
            {label}
          </Link>
        ) : (
          <span className="toc-link plain">{label}</span>
        )}
      </li>
    );
  }
  const title = `${t(`level.${s.level}`)} ${s.number}${s.heading ? `. ${s.heading}` : ''}`;
  const count = articleCount(node);
  return (
    <li className={`toc-group toc-${s.level}`}>
      <details open={open}>
        <summary>
          <span className="toc-group-title">{title}</span>
          {count > 0 && <span className="toc-count"> ({t('publication.tocCount', { count })})</span>}
        </summary>
        {node.children.length > 0 && (
          <ul className="toc-list">
            {node.children.map((child) => (
              <TocNode key={child.section.id} node={child} id={id} readable={readable} open />
            ))}
          </ul>
        )}
      </details>
    </li>
  );
}
