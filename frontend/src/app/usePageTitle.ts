import { useEffect } from 'react';

/** Sets the document title ("<page> – Kindred"), which screen readers announce on navigation. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} – Kindred` : 'Kindred';
  }, [title]);
}
