// jsdom lacks a few browser APIs that @grafana/ui touches at import time.
import '@testing-library/jest-dom';
import { TextDecoder, TextEncoder } from 'util';

Object.assign(global, { TextDecoder, TextEncoder });

// Static checks (tests/static) run in this project under the node environment: only patch the DOM when there is one.
if (typeof window !== 'undefined') {
  Object.defineProperty(global, 'matchMedia', {
    writable: true,
    value: (query) => ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    }),
  });

  HTMLCanvasElement.prototype.getContext = () => null;

  global.ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
}
