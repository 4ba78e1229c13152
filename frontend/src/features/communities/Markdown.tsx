import { Fragment, type ReactNode } from 'react';
import { parseMarkdown, type Block, type Inline } from './markdown';

/** What every link in members' writing says about itself (no endorsement, no opener access). */
export const POST_LINK_REL = 'nofollow noopener ugc';

function inline(nodes: Inline[]): ReactNode[] {
  return nodes.map((n, i) => {
    switch (n.kind) {
      case 'text':
        return <Fragment key={i}>{n.text}</Fragment>;
      case 'br':
        return <br key={i} />;
      case 'code':
        return <code key={i}>{n.text}</code>;
      case 'em':
        return <em key={i}>{inline(n.children)}</em>;
      case 'strong':
        return <strong key={i}>{inline(n.children)}</strong>;
      case 'link':
        return (
          <a key={i} href={n.href} rel={POST_LINK_REL}>
            {inline(n.children)}
          </a>
        );
    }
  });
}

function block(b: Block, i: number): ReactNode {
  switch (b.kind) {
    case 'p':
      return <p key={i}>{inline(b.children)}</p>;
    case 'pre':
      return (
        <pre key={i}>
          <code>{b.text}</code>
        </pre>
      );
    case 'quote':
      return <blockquote key={i}>{b.children.map(block)}</blockquote>;
    case 'ul':
      return (
        <ul key={i}>
          {b.items.map((item, j) => (
            <li key={j}>{item.map(block)}</li>
          ))}
        </ul>
      );
    case 'ol':
      return (
        <ol key={i} start={b.start === 1 ? undefined : b.start}>
          {b.items.map((item, j) => (
            <li key={j}>{item.map(block)}</li>
          ))}
        </ol>
      );
  }
}

/** A post's Markdown as React elements: raw HTML stays text, only safe links are links. */
export function Markdown({ source }: { source: string }) {
  return <div className="post-body">{parseMarkdown(source).map(block)}</div>;
}
