// A small Markdown reader for posts. It builds a tree that <Markdown> renders as React
// elements, so raw HTML in a post is only ever text: there is no path from a post to markup.
// Covers what people write in a forum: paragraphs (single newlines kept), *emphasis*,
// **strong**, `code`, fenced code, bulleted and numbered lists, > quotes, [links](url) and
// bare http(s) addresses. Headings are shown as strong paragraphs (a post must not break
// the page's heading outline); images are not loaded (their alt text links to the address).

export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'em' | 'strong'; children: Inline[] }
  | { kind: 'code'; text: string }
  | { kind: 'link'; href: string; children: Inline[] }
  | { kind: 'br' };

export type Block =
  | { kind: 'p'; children: Inline[] }
  | { kind: 'pre'; text: string }
  | { kind: 'quote'; children: Block[] }
  | { kind: 'ul' | 'ol'; start: number; items: Block[][] };

/** The address of a link if it is safe to follow (http, https, mailto), else null. */
export function safeHref(raw: string): string | null {
  const url = raw.trim();
  if (url === '' || /[\s<>"]/.test(url)) return null;
  let parsed: URL;
  try {
    // Absolute addresses only: a relative one (or `//host`, `/\host`) is not followed.
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol === 'http:' || parsed.protocol === 'https:') {
    return /^https?:\/\//i.test(url) ? parsed.href : null;
  }
  if (parsed.protocol === 'mailto:') return url;
  return null;
}

const PUNCT = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/;
const TRAILING = /[.,;:!?'")\]]+$/;

function pushText(out: Inline[], text: string) {
  if (text === '') return;
  const last = out[out.length - 1];
  if (last && last.kind === 'text') last.text += text;
  else out.push({ kind: 'text', text });
}

/** Index of the closing delimiter `d` for an opener at `from`, or -1. */
function closing(s: string, d: string, from: number): number {
  let i = from;
  while (i < s.length) {
    if (s[i] === '\\') {
      i += 2;
      continue;
    }
    if (s.startsWith(d, i) && i > from && s[i - 1] !== ' ') {
      // `**` must not close a single `*` opener's run.
      if (d.length === 1 && s[i + 1] === d) {
        i += 2;
        continue;
      }
      return i;
    }
    i += 1;
  }
  return -1;
}

/** `[text](url)` starting at `i`: the text, the address and where it ends, or null. */
function linkAt(s: string, i: number): { text: string; href: string; end: number } | null {
  let depth = 0;
  let j = i;
  for (; j < s.length; j += 1) {
    if (s[j] === '\\') {
      j += 1;
      continue;
    }
    if (s[j] === '[') depth += 1;
    else if (s[j] === ']') {
      depth -= 1;
      if (depth === 0) break;
    }
  }
  if (j >= s.length || s[j + 1] !== '(') return null;
  // The address may hold balanced parentheses (Wikipedia-style addresses do).
  let close = -1;
  let parens = 0;
  for (let k = j + 2; k < s.length; k += 1) {
    if (s[k] === '(') parens += 1;
    else if (s[k] === ')') {
      if (parens === 0) {
        close = k;
        break;
      }
      parens -= 1;
    }
  }
  if (close < 0) return null;
  return { text: s.slice(i + 1, j), href: s.slice(j + 2, close).trim(), end: close + 1 };
}

export function parseInline(s: string, depth = 0): Inline[] {
  const out: Inline[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i] ?? '';
    const next = s[i + 1] ?? '';
    if (c === '\\' && PUNCT.test(next)) {
      pushText(out, next);
      i += 2;
      continue;
    }
    if (c === '`') {
      const end = s.indexOf('`', i + 1);
      if (end > i + 1) {
        out.push({ kind: 'code', text: s.slice(i + 1, end) });
        i = end + 1;
        continue;
      }
    }
    if (depth < 8 && (c === '*' || c === '_')) {
      const double = next === c;
      const d = double ? c + c : c;
      const startAt = i + d.length;
      const wordInside = c === '_' && /\w/.test(s[i - 1] ?? '');
      if (!wordInside && s[startAt] !== undefined && s[startAt] !== ' ') {
        const end = closing(s, d, startAt);
        if (end > startAt) {
          out.push({ kind: double ? 'strong' : 'em', children: parseInline(s.slice(startAt, end), depth + 1) });
          i = end + d.length;
          continue;
        }
      }
    }
    if (c === '[' || (c === '!' && next === '[')) {
      const at = c === '!' ? i + 1 : i;
      const link = linkAt(s, at);
      if (link) {
        const href = safeHref(link.href);
        const children = depth < 8 ? parseInline(link.text, depth + 1) : [{ kind: 'text' as const, text: link.text }];
        if (href) out.push({ kind: 'link', href, children });
        else out.push(...children);
        i = link.end;
        continue;
      }
    }
    if ((c === 'h' || c === 'H') && /^https?:\/\//i.test(s.slice(i, i + 8)) && !/\w/.test(s[i - 1] ?? '')) {
      const m = /^\S+/.exec(s.slice(i));
      const raw = (m?.[0] ?? '').replace(TRAILING, '');
      const href = safeHref(raw);
      if (href) {
        out.push({ kind: 'link', href, children: [{ kind: 'text', text: raw }] });
        i += raw.length;
        continue;
      }
    }
    pushText(out, c);
    i += 1;
  }
  return out;
}

/** Inline content of lines joined by line breaks. */
function paragraph(lines: string[]): Block {
  const children: Inline[] = [];
  lines.forEach((line, n) => {
    if (n > 0) children.push({ kind: 'br' });
    children.push(...parseInline(line.trim()));
  });
  return { kind: 'p', children };
}

const BULLET = /^ {0,3}([-*+])\s+(.*)$/;
const NUMBER = /^ {0,3}(\d{1,9})[.)]\s+(.*)$/;
const FENCE = /^ {0,3}(```|~~~)/;
const QUOTE = /^ {0,3}>\s?(.*)$/;
const HEADING = /^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$/;
const RULE = /^ {0,3}([-*_])(\s*\1){2,}\s*$/;

export function parseMarkdown(source: string, depth = 0): Block[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    if (line.trim() === '' || RULE.test(line)) {
      i += 1;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const body: string[] = [];
      i += 1;
      while (i < lines.length && !(lines[i] ?? '').trim().startsWith(fence[1] ?? '```')) {
        body.push(lines[i] ?? '');
        i += 1;
      }
      i += 1;
      blocks.push({ kind: 'pre', text: body.join('\n') });
      continue;
    }
    if (depth < 4 && QUOTE.test(line)) {
      const inner: string[] = [];
      while (i < lines.length && QUOTE.test(lines[i] ?? '')) {
        inner.push(QUOTE.exec(lines[i] ?? '')?.[1] ?? '');
        i += 1;
      }
      blocks.push({ kind: 'quote', children: parseMarkdown(inner.join('\n'), depth + 1) });
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      blocks.push({ kind: 'p', children: [{ kind: 'strong', children: parseInline(heading[1] ?? '') }] });
      i += 1;
      continue;
    }
    const bullet = BULLET.exec(line);
    const number = NUMBER.exec(line);
    if (bullet || number) {
      const kind = bullet ? 'ul' : 'ol';
      const pattern = bullet ? BULLET : NUMBER;
      const start = number ? Number(number[1]) : 1;
      const items: string[][] = [];
      while (i < lines.length) {
        const l = lines[i] ?? '';
        const m = pattern.exec(l);
        if (m) {
          items.push([m[2] ?? '']);
        } else if (l.trim() !== '' && /^\s+/.test(l) && items.length > 0) {
          items[items.length - 1]?.push(l.trim());
        } else {
          break;
        }
        i += 1;
      }
      blocks.push({
        kind,
        start,
        items: items.map((item) => (depth < 4 ? parseMarkdown(item.join('\n'), depth + 1) : [paragraph(item)])),
      });
      continue;
    }
    // The first line always belongs here (a quote too deep to nest is read as text).
    const para: string[] = [line];
    i += 1;
    while (i < lines.length) {
      const l = lines[i] ?? '';
      if (l.trim() === '' || FENCE.test(l) || QUOTE.test(l) || BULLET.test(l) || NUMBER.test(l) || HEADING.test(l)) break;
      para.push(l);
      i += 1;
    }
    blocks.push(paragraph(para));
  }
  return blocks;
}
