import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

afterEach(() => {
  cleanup();
  // Questionnaire drafts live in sessionStorage: no test sees another's.
  if (typeof sessionStorage !== 'undefined') sessionStorage.clear();
});
