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

  // @grafana/ui's Combobox measures option text on a 2D canvas when it mounts; jsdom has no canvas. Text metrics
  // from a fixed-width font are enough for layout code; anything else drawn on the canvas is a no-op.
  HTMLCanvasElement.prototype.getContext = function getContext() {
    return {
      font: '',
      measureText: (text) => ({
        width: String(text).length * 7,
        actualBoundingBoxAscent: 10,
        actualBoundingBoxDescent: 3,
      }),
      fillText: () => {},
      fillRect: () => {},
      clearRect: () => {},
      save: () => {},
      restore: () => {},
    };
  };

  global.ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
}
