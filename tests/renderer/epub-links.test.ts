import { describe, expect, it } from 'vitest';
import { classifyLink, internalTarget, isRemoteResource, neutralizeCss, preSanitizeText } from '../../renderer/src/reader/epub/links.js';

describe('EPUB links: what a tap inside a book does', () => {
  it('follows places inside the book', () => {
    for (const href of ['0.html', '../Text/ch2.xhtml#p3', '#note-1', 'chương 2.xhtml', '/OEBPS/x.html']) {
      expect(classifyLink(href)).toEqual({ kind: 'internal' });
    }
  });

  it('shows web addresses (for a QR code), never opens them', () => {
    expect(classifyLink('http://vnthuquan.net')).toEqual({ kind: 'web', url: 'http://vnthuquan.net/' });
    expect(classifyLink(' HTTPS://Example.org/luật?x=1 ')).toEqual({ kind: 'web', url: 'https://example.org/lu%E1%BA%ADt?x=1' });
    expect(classifyLink('//example.org/a')).toEqual({ kind: 'web', url: 'https://example.org/a' });
    expect(classifyLink('https://user:secret@example.org/')).toEqual({ kind: 'web', url: 'https://example.org/' });
  });

  it('ignores every other scheme, however it is disguised', () => {
    for (const href of [
      'javascript:alert(1)',
      ' JavaScript:alert(1)',
      'java\tscript:alert(1)',
      'java\nscript:alert(1)',
      '\u0000javascript:alert(1)',
      'vbscript:msgbox',
      'data:text/html,<script>alert(1)</script>',
      'mailto:a@b.vn',
      'tel:+84123456',
      'file:///etc/passwd',
      'blob:http://x/y',
      'app://bookshelf/index.html',
      '',
      null,
      undefined,
    ]) {
      expect(classifyLink(href), String(href)).toEqual({ kind: 'ignored' });
    }
  });

  it('resolves a link against its section to a path epub.js can show', () => {
    expect(internalTarget('0.html', '/OEBPS/toc.html', '/OEBPS/')).toBe('0.html');
    expect(internalTarget('../Text/c2.xhtml#p3', '/OEBPS/Styles/x.xhtml', '/OEBPS/')).toBe('Text/c2.xhtml#p3');
    expect(internalTarget('#note', '/EPUB/c1.xhtml', '/EPUB/')).toBe('c1.xhtml#note');
    expect(internalTarget('ch%C6%B0%C6%A1ng.xhtml', '/a.xhtml', '/')).toBe('chương.xhtml');
  });

  it('recognises resources that would be fetched from outside the book', () => {
    expect(isRemoteResource('http://tracker.example/p.gif')).toBe(true);
    expect(isRemoteResource('//tracker.example/p.gif')).toBe(true);
    expect(isRemoteResource('ftp://x/y')).toBe(true);
    expect(isRemoteResource('images/cover.jpg')).toBe(false);
    expect(isRemoteResource('data:image/png;base64,AAAA')).toBe(false);
    expect(isRemoteResource('blob:http://127.0.0.1/uuid')).toBe(false);
  });

  it('removes remote url() and @import from CSS, keeps the book’s own', () => {
    const css = '@import url("http://t.example/a.css"); @import "local.css"; p { background: url(http://t.example/bg.png) no-repeat; } h1 { background: url(\'../img/a.png\'); }';
    const out = neutralizeCss(css);
    expect(out).not.toContain('t.example');
    expect(out).toContain('@import "local.css"');
    expect(out).toContain('background: none no-repeat');
    expect(out).toContain("url('../img/a.png')");
  });

  it('cleans book files before they are parsed', () => {
    const html = '<html><head><base href="http://evil/"/></head><body onload="x()"><img src="a.png" onerror=\'parent.x=1\' ONCLICK=y()/><p>the word onion=3 stays</p></body></html>';
    const out = preSanitizeText('OEBPS/c1.xhtml', html);
    expect(out).not.toMatch(/<base|onload|onerror|onclick/i);
    expect(out).toContain('<img src="a.png"/>');
    expect(out).toContain('onion=3 stays');
    expect(preSanitizeText('s.css', 'a{background:url(https://t/x)}')).toBe('a{background:none}');
    expect(preSanitizeText('img.png', 'onload=1')).toBe('onload=1');
  });
});
