// create-plugin's setup (jest-dom matchers, TextEncoder, matchMedia), then what @grafana/ui needs beyond it in jsdom.
// Static checks (tests/static) run in this project under the node environment, where create-plugin's setup cannot
// run (it patches HTMLCanvasElement): only the matchers are loaded there.
if (typeof window === 'undefined') {
  require('@testing-library/jest-dom');
} else {
  require('../../.config/jest-setup');

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
