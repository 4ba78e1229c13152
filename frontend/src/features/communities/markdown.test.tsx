import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Markdown } from './Markdown';
import { parseInline, parseMarkdown, safeHref } from './markdown';

function html(source: string): string {
  return render(<Markdown source={source} />).container.innerHTML;
}

describe('Markdown', () => {
  it('renders paragraphs, line breaks, emphasis and code', () => {
    expect(html('Hello *there* and **you**\nnext line\n\n`x < 1`')).toBe(
      '<div class="post-body"><p>Hello <em>there</em> and <strong>you</strong><br>next line</p><p><code>x &lt; 1</code></p></div>',
    );
  });

  it('renders bulleted and numbered lists and quotes', () => {
    expect(html('- one\n- two\n  more')).toBe(
      '<div class="post-body"><ul><li><p>one</p></li><li><p>two<br>more</p></li></ul></div>',
    );
    expect(html('3. three\n4. four')).toContain('<ol start="3"><li><p>three</p></li><li><p>four</p></li></ol>');
    expect(html('> quoted *text*')).toContain('<blockquote><p>quoted <em>text</em></p></blockquote>');
  });

  it('keeps raw HTML as text', () => {
    const out = html('<script>alert(1)</script> <img src=x onerror=alert(1)> <b>bold</b>');
    expect(out).not.toContain('<script');
    expect(out).not.toContain('<img');
    expect(out).not.toContain('<b>');
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('marks every link nofollow noopener ugc', () => {
    const { container } = render(<Markdown source="See [the guide](https://example.org/a?b=1) or https://example.com/x." />);
    const links = [...container.querySelectorAll('a')];
    expect(links.map((a) => [a.textContent, a.getAttribute('href'), a.getAttribute('rel')])).toEqual([
      ['the guide', 'https://example.org/a?b=1', 'nofollow noopener ugc'],
      ['https://example.com/x', 'https://example.com/x', 'nofollow noopener ugc'],
    ]);
    expect(container.textContent).toContain('https://example.com/x.');
  });

  it('does not link dangerous or relative addresses', () => {
    for (const src of [
      '[x](javascript:alert(1))',
      '[x](JaVaScRiPt:alert(1))',
      '[x](java\tscript:alert(1))',
      '[x](data:text/html,hi)',
      '[x](vbscript:msgbox)',
      '[x](//evil.example)',
      '[x](/\\evil.example)',
      '[x](/local)',
    ]) {
      const { container, unmount } = render(<Markdown source={src} />);
      expect(container.querySelector('a'), src).toBeNull();
      expect(container.textContent).toBe('x');
      unmount();
    }
  });

  it('does not load images: the alt text links to the address instead', () => {
    const out = html('![chart](https://example.org/c.png)');
    expect(out).not.toContain('<img');
    expect(out).toContain('<a href="https://example.org/c.png" rel="nofollow noopener ugc">chart</a>');
  });

  it('shows headings as strong paragraphs and fenced code verbatim', () => {
    expect(html('# Title')).toBe('<div class="post-body"><p><strong>Title</strong></p></div>');
    expect(html('```\n<b>*not*</b>\n```')).toBe(
      '<div class="post-body"><pre><code>&lt;b&gt;*not*&lt;/b&gt;</code></pre></div>',
    );
  });
});

describe('parseInline', () => {
  it('leaves unmatched markers, snake_case and escapes as text', () => {
    expect(parseInline('2 * 3 and a_b_c and \\*x\\*')).toEqual([{ kind: 'text', text: '2 * 3 and a_b_c and *x*' }]);
  });

  it('nests emphasis inside strong', () => {
    expect(parseInline('**a *b* c**')).toEqual([
      { kind: 'strong', children: [{ kind: 'text', text: 'a ' }, { kind: 'em', children: [{ kind: 'text', text: 'b' }] }, { kind: 'text', text: ' c' }] },
    ]);
  });

  it('survives deep nesting without recursion trouble', () => {
    const deep = '>'.repeat(500) + ' x ' + '*'.repeat(2000) + '['.repeat(2000);
    expect(() => parseMarkdown(deep)).not.toThrow();
  });
});

describe('safeHref', () => {
  it('accepts http, https and mailto only', () => {
    expect(safeHref('https://example.org')).toBe('https://example.org/');
    expect(safeHref('mailto:help@example.org')).toBe('mailto:help@example.org');
    expect(safeHref('ftp://example.org')).toBeNull();
    expect(safeHref('https://exa mple.org')).toBeNull();
  });
});
