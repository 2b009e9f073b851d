// One row per epoch, the epoch's mini-batches in order, each cell a sample index: the reshuffle
// every epoch and the short last batch at a glance. Canvas for long runs; the last epochs also as
// a table, for screen readers and for reading the numbers aloud in class.
import { memo, useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { formatBatch } from '../engine/format';
import type { EpochBatches } from '../state/run-data';
import { BatchLegend } from './BatchLegend';
import { BatchTable } from './BatchTable';
import { BATCH_GAP, batchAt, batchX, makeBatchLayout, VIEW_HEIGHT_MAX } from './batch-layout';
import { BatchPainter, type BatchView } from './batch-painter';

interface Props {
  batches: EpochBatches;
  /** Epochs received so far (rows to draw). */
  epochs: number;
  stepsDone: number;
  datasetSize: number;
  batchSize: number;
  dropLast: boolean;
  /** Epochs the run will have: sizes the rows from the start, so they do not jump as it grows. */
  plannedEpochs: number;
}

interface Pointed {
  epoch: number;
  batch: number;
}

export const BatchComposition = memo(function BatchComposition(props: Props) {
  const { batches, epochs, stepsDone, datasetSize, batchSize, dropLast, plannedEpochs } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const painter = useRef<BatchPainter | null>(null);
  const following = useRef(true);
  const [width, setWidth] = useState(0);
  const [hover, setHover] = useState<Pointed | null>(null);
  const [focus, setFocus] = useState<Pointed | null>(null);
  const tooltipId = useId();

  const layout = useMemo(
    () => makeBatchLayout(width, Math.max(datasetSize, 1), batchSize, dropLast, plannedEpochs),
    [width, datasetSize, batchSize, dropLast, plannedEpochs],
  );
  const totalHeight = plannedEpochs * layout.rowHeight;
  const viewHeight = Math.min(VIEW_HEIGHT_MAX, totalHeight);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setWidth(el.clientWidth));
    observer.observe(el);
    setWidth(el.clientWidth);
    return () => observer.disconnect();
  }, []);

  const paint = useCallback(() => {
    const el = scroller.current;
    if (!el || !canvas.current || width === 0 || datasetSize === 0) return;
    painter.current ??= new BatchPainter(canvas.current);
    const view: BatchView = { layout, width, height: viewHeight, scrollTop: el.scrollTop, epochs, stepsDone, focus };
    painter.current.paint(view, batches);
  }, [layout, width, viewHeight, epochs, stepsDone, focus, batches, datasetSize]);

  // Follow the newest epoch unless the reader scrolled away from it.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && following.current) {
      const bottom = epochs * layout.rowHeight;
      if (bottom > el.scrollTop + el.clientHeight) el.scrollTop = bottom - el.clientHeight;
      if (epochs === 0) el.scrollTop = 0;
    }
    paint();
  }, [paint, epochs, layout.rowHeight]);

  useEffect(() => {
    following.current = true; // a new run starts at the top
  }, [batches]);

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    following.current = el.scrollTop + el.clientHeight >= epochs * layout.rowHeight - layout.rowHeight;
    paint();
  };

  const pointAt = (clientX: number, clientY: number): Pointed | null => {
    const el = scroller.current;
    const c = canvas.current;
    if (!el || !c) return null;
    const rect = c.getBoundingClientRect();
    const epoch = Math.floor((clientY - rect.top + el.scrollTop) / layout.rowHeight);
    const batch = batchAt(layout, clientX - rect.left);
    return batch !== null && epoch >= 0 && epoch < epochs ? { epoch, batch } : null;
  };

  const moveFocus = (key: string) => {
    const current = focus ?? { epoch: Math.max(epochs - 1, 0), batch: 0 };
    const lastBatch = Math.max(layout.batchCount - 1, 0);
    const next = { ...current };
    if (key === 'ArrowUp') next.epoch -= 1;
    else if (key === 'ArrowDown') next.epoch += 1;
    else if (key === 'ArrowLeft') next.batch -= 1;
    else if (key === 'ArrowRight') next.batch += 1;
    else if (key === 'Home') next.epoch = 0;
    else if (key === 'End') next.epoch = epochs - 1;
    else return false;
    next.epoch = Math.min(Math.max(next.epoch, 0), Math.max(epochs - 1, 0));
    next.batch = Math.min(Math.max(next.batch, 0), lastBatch);
    setFocus(next);
    const el = scroller.current;
    if (el) {
      const top = next.epoch * layout.rowHeight;
      if (top < el.scrollTop) el.scrollTop = top;
      else if (top + layout.rowHeight > el.scrollTop + el.clientHeight) {
        el.scrollTop = top + layout.rowHeight - el.clientHeight;
      }
    }
    return true;
  };

  const shown = hover ?? focus;
  const valid = shown && shown.epoch < epochs && shown.batch < batches.batchCount(shown.epoch);
  const tooltipText = valid
    ? `Epoch ${shown.epoch + 1}, batch ${shown.batch + 1}: ${formatBatch(batches.batch(shown.epoch, shown.batch))}`
    : '';
  // Anchored on the batch's left edge in the left half, on its right edge in the right half.
  const tooltipX = valid
    ? shown.batch < layout.batchCount / 2
      ? { left: batchX(layout, shown.batch) }
      : { right: Math.max(0, width - batchX(layout, shown.batch + 1) + BATCH_GAP) }
    : {};
  const tooltipTop = valid ? (shown.epoch + 1) * layout.rowHeight - (scroller.current?.scrollTop ?? 0) : 0;
  const lastBatches = epochs > 0 ? batches.batchCount(epochs - 1) : 0;

  return (
    <figure className="panel batch-composition" data-epochs={epochs} data-batches={lastBatches}>
      <figcaption>Batch composition</figcaption>
      <p className="panel-tools panel-note">one row per epoch · {epochs} drawn</p>
      <div className="batch-canvas-wrap">
        <div
          ref={scroller}
          className="batch-scroller"
          style={{ height: viewHeight || undefined }}
          onScroll={onScroll}
        >
          <canvas
            ref={canvas}
            className="batch-canvas"
            style={{ height: viewHeight }}
            tabIndex={0}
            role="img"
            aria-label="Batch composition chart; arrow keys read one mini-batch at a time"
            aria-describedby={valid ? tooltipId : undefined}
            onMouseMove={(e) => setHover(pointAt(e.clientX, e.clientY))}
            onMouseLeave={() => setHover(null)}
            onFocus={() => setFocus((f) => f ?? (epochs > 0 ? { epoch: epochs - 1, batch: 0 } : null))}
            onBlur={() => setFocus(null)}
            onKeyDown={(e) => {
              if (moveFocus(e.key)) e.preventDefault();
            }}
          />
          <div style={{ height: Math.max(totalHeight - viewHeight, 0) }} aria-hidden="true" />
        </div>
        {epochs === 0 && <p className="batch-empty">Each epoch adds a row when it starts.</p>}
        {valid && (
          <div
            id={tooltipId}
            role="tooltip"
            className="batch-tooltip"
            style={{ ...tooltipX, top: Math.min(Math.max(tooltipTop, 0), viewHeight) + 4 }}
          >
            {tooltipText}
          </div>
        )}
      </div>
      <BatchLegend layout={layout} />
      <BatchTable batches={batches} epochs={epochs} />
    </figure>
  );
});
