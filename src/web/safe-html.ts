/**
 * Second line of defence for commentary HTML. The server's renderer can only emit safe markup; the page still
 * rebuilds whatever it receives from an allow-list instead of assigning `innerHTML`: the string is parsed into
 * an inert document (DOMParser runs no scripts and loads nothing), and only allowed elements, with only an
 * `href` that passes `safeUrl`, are copied into the live page. Everything else survives as its text, or not at all.
 */
const ALLOWED = new Set([
  'P',
  'H3',
  'H4',
  'H5',
  'EM',
  'STRONG',
  'CODE',
  'PRE',
  'BLOCKQUOTE',
  'UL',
  'OL',
  'LI',
  'A',
  'BR',
  'HR',
]);
const DROPPED = new Set(['SCRIPT', 'STYLE', 'IFRAME', 'OBJECT', 'EMBED', 'TEMPLATE', 'NOSCRIPT', 'SVG', 'MATH']);

/** The URL when it is http(s), mailto or a path on this site; null otherwise (`javascript:`, `data:` …). */
export function safeUrl(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const url = raw.trim();
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (/[\u0000-\u0020\u007f-\u009f\\]/.test(url)) return null;
  if (url.startsWith('/') && !url.startsWith('//')) return url;
  try {
    const parsed = new URL(url);
    return ['http:', 'https:', 'mailto:'].includes(parsed.protocol) ? parsed.href : null;
  } catch {
    return null;
  }
}

function copy(source: Node, target: Node): void {
  for (const child of Array.from(source.childNodes)) {
    if (child.nodeType === Node.TEXT_NODE) {
      target.appendChild(document.createTextNode(child.textContent ?? ''));
    } else if (child.nodeType === Node.ELEMENT_NODE) {
      const element = child as Element;
      const tag = element.tagName.toUpperCase();
      if (DROPPED.has(tag)) continue;
      if (!ALLOWED.has(tag)) {
        copy(element, target);
        continue;
      }
      const clean = document.createElement(tag.toLowerCase());
      if (tag === 'A') {
        const href = safeUrl(element.getAttribute('href'));
        if (href !== null) clean.setAttribute('href', href);
        clean.setAttribute('rel', 'nofollow noopener noreferrer');
      }
      copy(element, clean);
      target.appendChild(clean);
    }
  }
}

/** Allow-listed DOM for an HTML string. */
export function safeHtml(html: string): DocumentFragment {
  const parsed = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  const fragment = document.createDocumentFragment();
  copy(parsed.body, fragment);
  return fragment;
}
