import { type RefCallback, useCallback, useEffect, useRef, useState } from 'react';

/**
 * The width of an element, kept up to date: @grafana/ui's BarGauge draws at a pixel width it is given (a panel gets
 * it from the dashboard grid), so a chart in a page has to measure its box. `fallback` is used until a first
 * measurement (and under jsdom, which measures everything as 0).
 */
export function useContainerWidth<T extends HTMLElement>(fallback = 320): [RefCallback<T>, number] {
  const [width, setWidth] = useState(fallback);
  const observer = useRef<ResizeObserver | undefined>(undefined);
  const ref = useCallback(
    (element: T | null) => {
      observer.current?.disconnect();
      observer.current = undefined;
      if (!element) {
        return;
      }
      const measured = Math.floor(element.getBoundingClientRect().width);
      setWidth(measured > 0 ? measured : fallback);
      observer.current = new ResizeObserver((entries) => {
        const next = Math.floor(entries[0]?.contentRect.width ?? 0);
        if (next > 0) {
          setWidth(next);
        }
      });
      observer.current.observe(element);
    },
    [fallback]
  );
  useEffect(() => () => observer.current?.disconnect(), []);
  return [ref, width];
}
