// The CSS width of an element, kept up to date by a ResizeObserver: for SVG charts that choose their
// viewBox from the space they get (ChartAxes' frameFor). A callback ref, because the element may
// mount later than the component (the charts render a placeholder until the run is ready).
import { useCallback, useRef, useState } from 'react';

export function useElementWidth<T extends Element>(): [(element: T | null) => void, number] {
  const [width, setWidth] = useState(0);
  const observer = useRef<ResizeObserver | null>(null);
  const ref = useCallback((element: T | null) => {
    observer.current?.disconnect();
    observer.current = null;
    if (!element) return;
    // Whole pixels: a sub-pixel wobble must not redraw the chart (or loop with a scrollbar).
    const measure = () => setWidth(Math.round(element.getBoundingClientRect().width));
    observer.current = new ResizeObserver(measure);
    observer.current.observe(element);
    measure();
  }, []);
  return [ref, width];
}
