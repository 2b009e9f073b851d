// A chart's legend: a line sample and a name per series. Ours, not recharts' default, whose icons
// carry a fixed English accessible name ("… legend icon"); here the samples are decoration
// (aria-hidden) and the names are text in the page's language. Passed to recharts' <Legend content>,
// so the chart still keeps room for it.
import type { CSSProperties } from 'react';
import { Legend } from 'recharts';

export interface LegendItem {
  name: string;
  colour: string;
  width?: number;
  dash?: string;
}

export function ChartLegend({ items }: { items: readonly LegendItem[] }) {
  return (
    <ul className="chart-legend">
      {items.map((item) => (
        <li key={item.name}>
          <svg width="1.6em" height="0.7em" viewBox="0 0 28 12" aria-hidden="true">
            <line
              x1="1"
              x2="27"
              y1="6"
              y2="6"
              stroke={item.colour}
              strokeWidth={item.width ?? 2}
              strokeDasharray={item.dash}
            />
          </svg>
          <span className="legend-text">{item.name}</span>
        </li>
      ))}
    </ul>
  );
}

/** recharts' <Legend> at the top of a chart, drawing ChartLegend. */
export function legendOf(items: readonly LegendItem[], style: CSSProperties) {
  return <Legend verticalAlign="top" wrapperStyle={style} content={() => <ChartLegend items={items} />} />;
}
