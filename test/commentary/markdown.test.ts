/** The allow-list Markdown renderer: the subset it supports, and that nothing else survives as markup. */
import { describe, expect, it } from 'vitest';
import { markdownText, renderMarkdown, safeHref } from '../../src/commentary/markdown.js';

describe('renderMarkdown', () => {
  it('renders the supported subset', () => {
    const html = renderMarkdown(
      '# Talks\n\nThe **summit** was *brief*; see `USA-PRK` and [the report](https://example.org/a?b=1&c=2).\n\n- one\n- two\n\n1. first\n\n> quoted\n\n```\n<code>\n```\n\n---',
    );
    expect(html).toContain('<h3>Talks</h3>');
    expect(html).toContain('<strong>summit</strong>');
    expect(html).toContain('<em>brief</em>');
    expect(html).toContain('<code>USA-PRK</code>');
    expect(html).toContain(
      '<a href="https://example.org/a?b=1&amp;c=2" rel="nofollow noopener noreferrer">the report</a>',
    );
    expect(html).toContain('<ul><li>one</li><li>two</li></ul>');
    expect(html).toContain('<ol><li>first</li></ol>');
    expect(html).toContain('<blockquote><p>quoted</p></blockquote>');
    expect(html).toContain('<pre><code>&lt;code&gt;</code></pre>');
    expect(html).toContain('<hr>');
  });

  it('links bare https URLs', () => {
    expect(renderMarkdown('see https://example.org/x.')).toBe(
      '<p>see <a href="https://example.org/x" rel="nofollow noopener noreferrer">https://example.org/x</a>.</p>',
    );
  });

  const payloads = [
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '<svg onload=alert(1)>',
    '"><script>alert(1)</script>',
    "<a href='javascript:alert(1)'>x</a>",
    '[click](javascript:alert(1))',
    '[click](JaVaScRiPt:alert(1))',
    '[click](java\tscript:alert(1))',
    '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    '[click](vbscript:msgbox(1))',
    '[x](https://example.org/"onmouseover="alert(1))',
    '[x](//evil.example/steal)',
    '<iframe src="https://evil.example"></iframe>',
    '**<b onclick=alert(1)>bold</b>**',
    '`</code><script>alert(1)</script>`',
    '<style>body{display:none}</style>',
    '&lt;script&gt;alert(1)&lt;/script&gt;',
  ];

  it.each(payloads)('leaves no tag, handler or script URL from %s', (payload) => {
    const html = renderMarkdown(payload);
    const tags = [...html.matchAll(/<\/?([a-z0-9]+)([^>]*)>/gi)];
    for (const [, name, attributes] of tags) {
      expect([
        'p',
        'h3',
        'h4',
        'h5',
        'em',
        'strong',
        'code',
        'pre',
        'blockquote',
        'ul',
        'ol',
        'li',
        'a',
        'br',
        'hr',
      ]).toContain((name as string).toLowerCase());
      const names = [...(attributes as string).matchAll(/\s([a-z-]+)=/gi)].map((m) => m[1]);
      for (const attribute of names) expect(['href', 'rel']).toContain(attribute);
    }
    for (const [, href] of html.matchAll(/href="([^"]*)"/g)) expect(href).toMatch(/^(https?:|mailto:|\/[^/]|#)/);
  });

  it('accepts only http(s), mailto and same-site links', () => {
    expect(safeHref('https://example.org')).toBe('https://example.org/');
    expect(safeHref('/dyad/USA-PRK')).toBe('/dyad/USA-PRK');
    expect(safeHref('mailto:club@example.org')).toBe('mailto:club@example.org');
    for (const bad of [
      'javascript:alert(1)',
      ' javascript:x',
      '//evil.example',
      'data:text/html,x',
      '/\\evil',
      'ja\nvascript:x',
    ])
      expect(safeHref(bad), bad).toBeNull();
  });

  it('gives the coder the text a reader sees', () => {
    expect(markdownText('## Warning\n\n**North Korea** threatened [Seoul](https://x.org).')).toBe(
      'Warning.\n\nNorth Korea threatened Seoul.',
    );
  });
});
