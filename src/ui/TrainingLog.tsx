// One line per step in the tutorial's format (src/engine/format.ts), newest at the bottom. Runs can
// have 400,000 steps, so only the last LOG_LINES_SHOWN are in the DOM, and while a run trains at full
// speed only the last LIVE_LOG_LINES: each redraw then replaces every line (thousands of steps pass
// between two), and drawing 1,000 of them 15 times a second kept the page's main thread busy.
import { memo, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/react';
import { LOG_LINES_SHOWN, type LogLine } from '../state/run-data';

interface Props {
  lines: readonly LogLine[];
  /** Steps done: the lines of later steps (already in `lines`) wait for the next redraw. */
  total: number;
  /** Validation lines among the steps done (one per epoch with a validation split), for the count. */
  validationLines?: number;
  /** A run at full speed: only the newest LIVE_LOG_LINES are drawn. */
  live?: boolean;
}

/** Lines drawn while a run trains at full speed: a few screens of the 16-line box. */
export const LIVE_LOG_LINES = 100;

/**
 * Lines added to the drawn window a frame, when more than that arrive at once (a max-speed run's
 * stop: from LIVE_LOG_LINES to LOG_LINES_SHOWN). A thousand new lines restyled and laid out in one
 * frame is a long task on a slow machine; the newest come first and the older ones above them.
 */
export const LOG_LINES_PER_FRAME = 100;

/** Pixels from the bottom within which the log keeps following new lines. */
const FOLLOW_SLACK = 24;

export const TrainingLog = memo(function TrainingLog({ lines, total, validationLines = 0, live = false }: Props) {
  const i18n = useI18n();
  const scroller = useRef<HTMLDivElement>(null);
  const following = useRef(true);
  // `lines` may already hold steps past `total` (the log redraws less often than steps arrive); at
  // full speed they can be a whole window ahead, and then the newest window is shown rather than none.
  // Lines are cut by their step, not counted: a validation line shares its epoch's last step.
  let end = lines.length;
  while (end > 0 && lines[end - 1].step >= total) end--;
  if (end === 0) end = lines.length;
  const produced = total + validationLines;
  const wanted = Math.min(end, live ? LIVE_LOG_LINES : LOG_LINES_SHOWN);
  // How many of them are drawn: the window grows by LOG_LINES_PER_FRAME a frame up to `wanted`.
  const [drawn, setDrawn] = useState(LIVE_LOG_LINES);
  const growFrame = useRef(0);
  const count = live ? wanted : Math.min(wanted, drawn);
  const shown = lines.slice(end - count, end);
  useEffect(() => {
    // A max-speed run, or a new run (no lines yet), starts again from a live window.
    if (live || wanted === 0) {
      // A grow queued before the run went live would set the old window's size after it.
      cancelAnimationFrame(growFrame.current);
      growFrame.current = 0;
      setDrawn(LIVE_LOG_LINES);
    } else if (growFrame.current === 0 && drawn < wanted) {
      growFrame.current = requestAnimationFrame(() => {
        growFrame.current = 0;
        setDrawn(Math.min(wanted, drawn + LOG_LINES_PER_FRAME));
      });
    }
  }, [live, drawn, wanted]);

  // Scrolled in the next frame's callbacks, just before it is laid out anyway: done here, reading
  // scrollHeight would lay the whole page out in this task, once per redraw of each view.
  const scrollPending = useRef(0);
  useLayoutEffect(() => {
    if (scrollPending.current !== 0 || !following.current) return;
    scrollPending.current = requestAnimationFrame(() => {
      scrollPending.current = 0;
      const el = scroller.current;
      if (el && following.current) el.scrollTop = el.scrollHeight;
    });
  });
  useEffect(
    () => () => {
      cancelAnimationFrame(scrollPending.current);
      scrollPending.current = 0;
      cancelAnimationFrame(growFrame.current);
      growFrame.current = 0;
    },
    [],
  );

  return (
    <section className="log-panel" aria-labelledby="log-heading">
      <div className="panel-heading">
        <h2 id="log-heading">{i18n.t('log.heading')}</h2>
        <p className="log-count">
          {produced > shown.length
            ? i18n.t('log.showing', { shown: i18n.count(shown.length), total: i18n.count(produced) })
            : i18n.tp('log.lines', produced)}
        </p>
      </div>
      <p className="panel-note index-note">{i18n.t('glossary.indices')}</p>
      <div
        ref={scroller}
        className="log"
        role="log"
        aria-label={i18n.t('log.heading')}
        tabIndex={0}
        onScroll={(e) => {
          const el = e.currentTarget;
          following.current = el.scrollHeight - el.scrollTop - el.clientHeight <= FOLLOW_SLACK;
        }}
      >
        {shown.length === 0 ? (
          <p className="log-empty">{i18n.t('log.empty')}</p>
        ) : (
          // PyTorch's output, word for word in every language (a public format): marked as English.
          // Each line is the store's (state/log-line.ts), shortened there or not at all.
          <ol start={shown[0].step + 1} lang="en" translate="no">
            {shown.map((line) =>
              line.validation ? (
                // Numbered as its epoch's last step, which it follows.
                <li key={`${line.step}v`} value={line.step + 1} className="log-validation">
                  {line.text}
                </li>
              ) : (
                <li key={line.step} value={line.step + 1} className={line.shortened ? 'log-shortened' : undefined}>
                  {line.text}
                </li>
              ),
            )}
          </ol>
        )}
      </div>
    </section>
  );
});
