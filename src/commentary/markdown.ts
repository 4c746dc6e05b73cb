/**
 * A small Markdown renderer that can only produce safe HTML, written here rather than taken from npm: none of
 * the maintained sanitizers (DOMPurify, sanitize-html) is installed, DOMPurify needs a DOM on the server, and
 * the subset commentary needs is small. Safety comes from construction, not from cleaning: every piece of the
 * author's text is HTML-escaped, and the only markup emitted is from a fixed list of tags
 * (p, h3-h5, em, strong, code, pre, blockquote, ul, ol, li, a, br, hr) with one attribute, `href`, allowed
 * only for http(s), mailto and same-site paths. Raw HTML in the source is shown as text.
 *
 * Supported: paragraphs, `#`-`###` headings, `-`/`*`/`1.` lists, `>` quotes, fenced code, `---` rules,
 * `*em*`, `**strong**`, `` `code` ``, `[text](url)`, and bare https URLs.
 *
 * @example renderMarkdown('**Talks** resume: [report](https://example.org)')
 * // '<p><strong>Talks</strong> resume: <a href="https://example.org" rel="nofollow noopener noreferrer">report</a></p>'
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] as string);
}

/**
 * The URL if it is safe to link to, else null: absolute http(s) or mailto, or a path on this site. Control
 * characters and whitespace are refused outright, so `java\tscript:` cannot slip through a browser's cleanup.
 */
export function safeHref(raw: string): string | null {
  const url = raw.trim();
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (url === '' || /[\u0000-\u0020\u007f-\u009f\\]/.test(url)) return null;
  if (url.startsWith('/') && !url.startsWith('//')) return url;
  if (url.startsWith('#')) return url;
  try {
    const parsed = new URL(url);
    return ['http:', 'https:', 'mailto:'].includes(parsed.protocol) ? parsed.href : null;
  } catch {
    return null;
  }
}

function link(text: string, href: string): string {
  const safe = safeHref(href);
  if (safe === null) return text;
  return `<a href="${escapeHtml(safe)}" rel="nofollow noopener noreferrer">${text}</a>`;
}

/** Inline markup over already-escaped text; code spans are cut out first so nothing inside them is read. */
function inline(source: string): string {
  const codes: string[] = [];
  // The placeholders below use two private-use characters; the author's text may not.
  let text = source.replace(/[\uE000\uE001]/g, '').replace(/`([^`\n]+)`/g, (_match, code: string) => {
    codes.push(`<code>${escapeHtml(code)}</code>`);
    return `\uE000${codes.length - 1}\uE000`;
  });
  text = escapeHtml(text);
  const links: string[] = [];
  const keep = (html: string) => {
    links.push(html);
    return `\uE001${links.length - 1}\uE001`;
  };
  // The URL was escaped with the text: unescape it for checking, `link` escapes it again for the attribute.
  const decodeEntities = (value: string) =>
    value.replace(/&(amp|lt|gt|quot|#39);/g, (_m, name: string) =>
      name === 'amp' ? '&' : name === 'lt' ? '<' : name === 'gt' ? '>' : name === 'quot' ? '"' : "'",
    );
  text = text.replace(/\[([^\]\n]+)\]\(([^)\s]+)\)/g, (_m, label: string, href: string) =>
    keep(link(label, decodeEntities(href))),
  );
  text = text.replace(
    /(^|[\s(])(https?:\/\/[^\s<]+[^\s<.,;:!?)])/g,
    (_m, before: string, href: string) => `${before}${keep(link(href, decodeEntities(href)))}`,
  );
  text = text
    .replace(/\*\*([^*\n]+)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[^\w*])\*([^*\n]+)\*(?!\w)/g, '$1<em>$2</em>')
    .replace(/(^|[^\w])_([^_\n]+)_(?!\w)/g, '$1<em>$2</em>');
  return text
    .replace(/\uE001(\d+)\uE001/g, (_m, i: string) => links[Number(i)] as string)
    .replace(/\uE000(\d+)\uE000/g, (_m, i: string) => codes[Number(i)] as string);
}

interface Block {
  kind: 'p' | 'h' | 'ul' | 'ol' | 'quote' | 'pre' | 'hr';
  lines: string[];
  level?: number;
}

function blocks(markdown: string): Block[] {
  const result: Block[] = [];
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  let current: Block | null = null;
  const flush = () => {
    if (current !== null) result.push(current);
    current = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (/^```/.test(line)) {
      flush();
      const code: string[] = [];
      for (i++; i < lines.length && !/^```/.test(lines[i] as string); i++) code.push(lines[i] as string);
      result.push({ kind: 'pre', lines: code });
      continue;
    }
    if (line.trim() === '') {
      flush();
      continue;
    }
    const heading = /^(#{1,3})\s+(.*)$/.exec(line);
    if (heading) {
      flush();
      result.push({ kind: 'h', level: (heading[1] as string).length + 2, lines: [heading[2] as string] });
      continue;
    }
    if (/^\s*([-*_])(\s*\1){2,}\s*$/.test(line)) {
      flush();
      result.push({ kind: 'hr', lines: [] });
      continue;
    }
    const bullet = /^\s*[-*+]\s+(.*)$/.exec(line);
    const numbered = /^\s*\d+[.)]\s+(.*)$/.exec(line);
    const quote = /^\s*>\s?(.*)$/.exec(line);
    const kind: Block['kind'] = bullet ? 'ul' : numbered ? 'ol' : quote ? 'quote' : 'p';
    const content = (bullet?.[1] ?? numbered?.[1] ?? quote?.[1] ?? line) as string;
    const open = current as Block | null;
    if (open === null || open.kind !== kind) {
      flush();
      current = { kind, lines: [content] };
    } else open.lines.push(content);
  }
  flush();
  return result;
}

/** Safe HTML for a Markdown text. */
export function renderMarkdown(markdown: string): string {
  return blocks(markdown)
    .map((block) => {
      switch (block.kind) {
        case 'pre':
          return `<pre><code>${escapeHtml(block.lines.join('\n'))}</code></pre>`;
        case 'hr':
          return '<hr>';
        case 'h':
          return `<h${block.level}>${inline(block.lines[0] ?? '')}</h${block.level}>`;
        case 'ul':
        case 'ol':
          return `<${block.kind}>${block.lines.map((item) => `<li>${inline(item)}</li>`).join('')}</${block.kind}>`;
        case 'quote':
          return `<blockquote><p>${block.lines.map(inline).join('<br>')}</p></blockquote>`;
        default:
          return `<p>${block.lines.map(inline).join('<br>')}</p>`;
      }
    })
    .join('\n');
}

/** The text a reader sees, without markup: what the coder reads. */
export function markdownText(markdown: string): string {
  return blocks(markdown)
    .map((block) => {
      if (block.kind === 'hr') return '';
      const text = block.lines
        .map((line) =>
          line
            .replace(/\[([^\]\n]+)\]\([^)\s]+\)/g, '$1')
            .replace(/`([^`\n]+)`/g, '$1')
            .replace(/\*\*([^*\n]+)\*\*/g, '$1')
            .replace(/(^|[^\w*])[*_]([^*_\n]+)[*_](?!\w)/g, '$1$2'),
        )
        .join(block.kind === 'ul' || block.kind === 'ol' || block.kind === 'pre' ? '\n' : ' ');
      return block.kind === 'h' && !/[.!?]$/.test(text) ? `${text}.` : text;
    })
    .filter(Boolean)
    .join('\n\n');
}
