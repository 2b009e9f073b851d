// One line per step in the tutorial's format (src/engine/format.ts), newest at the bottom. Runs can
// have 400,000 steps, so only the last LOG_LINES_SHOWN are in the DOM.
import { memo, useLayoutEffect, useRef } from 'react';
import { LOG_LINES_SHOWN, type LogLine } from '../state/run-data';
import { shownLogLineOf } from './log-text';
import { count } from './numbers';

interface Props {
  lines: readonly LogLine[];
  /** Lines produced so far (= steps done); more than `lines` once the DOM is bounded. */
  total: number;
  /** The run's batch size and number of samples: how many samples a shortened line stands for. */
  batchSize?: number;
  datasetSize?: number;
}

/** Pixels from the bottom within which the log keeps following new lines. */
const FOLLOW_SLACK = 24;

export const TrainingLog = memo(function TrainingLog({ lines, total, batchSize = 0, datasetSize = 0 }: Props) {
  const sizes = { batchSize, datasetSize };
  const scroller = useRef<HTMLDivElement>(null);
  const following = useRef(true);
  // `lines` may already hold steps past `total` (the log redraws less often than steps arrive).
  const newest = lines.length > 0 ? lines[lines.length - 1].step : -1;
  const end = Math.max(0, lines.length - Math.max(0, newest + 1 - total));
  const shown = lines.slice(Math.max(0, end - LOG_LINES_SHOWN), end);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && following.current) el.scrollTop = el.scrollHeight;
  });

  return (
    <section className="log-panel" aria-labelledby="log-heading">
      <div className="panel-heading">
        <h2 id="log-heading">Training log</h2>
        <p className="log-count">
          {total > shown.length
            ? `showing the last ${count(shown.length)} of ${count(total)} lines`
            : `${count(total)} ${total === 1 ? 'line' : 'lines'}`}
        </p>
      </div>
      <div
        ref={scroller}
        className="log"
        role="log"
        aria-label="Training log"
        tabIndex={0}
        onScroll={(e) => {
          const el = e.currentTarget;
          following.current = el.scrollHeight - el.scrollTop - el.clientHeight <= FOLLOW_SLACK;
        }}
      >
        {shown.length === 0 ? (
          <p className="log-empty">No steps yet. Press Train, or Step for one mini-batch.</p>
        ) : (
          <ol start={shown[0].step + 1}>
            {shown.map((line) => (
              <li key={line.step} className={shownLogLineOf(line, sizes) === line.text ? undefined : 'log-shortened'}>
                {shownLogLineOf(line, sizes)}
              </li>
            ))}
          </ol>
        )}
      </div>
    </section>
  );
});
