import { cleanup, configure } from '@testing-library/react';
import { afterEach, vi } from 'vitest';
import { initI18n } from '../app/i18n';

/** Evaluates min-width/max-width queries against the window width (1024 px by default in happy-dom). */
function evaluate(query: string): boolean {
  const w = window.innerWidth || 1024;
  const min = /min-width:\s*(\d+)px/.exec(query);
  const max = /max-width:\s*(\d+(?:\.\d+)?)px/.exec(query);
  return (!min || w >= Number(min[1])) && (!max || w <= Number(max[1]));
}

// antd's responsive helpers (Grid.useBreakpoint) ask matchMedia
Object.defineProperty(window, 'matchMedia', {
  writable: true,
  configurable: true,
  value: (query: string) => ({
    matches: evaluate(query),
    media: query,
    onchange: null,
    addListener: vi.fn(),
    removeListener: vi.fn(),
    addEventListener: vi.fn(),
    removeEventListener: vi.fn(),
    dispatchEvent: vi.fn(),
  }),
});

// a loaded 2-core CI box renders antd tables slower than the 1 s default
configure({ asyncUtilTimeout: 5000 });

initI18n('zh-CN');

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  localStorage.clear();
});
