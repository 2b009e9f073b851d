// One row per epoch, the epoch's mini-batches in order, each cell a sample: the reshuffle every
// epoch and the short last batch at a glance. Canvas, so 1,000,000 samples × 100 epochs draw as fast
// as 10 × 10; the last epochs also as a table for small datasets. Pointing at (or focusing) a batch
// shares its step through the view store: the fit view highlights its samples, the loss chart its step.
import { memo, useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useI18n } from '../i18n/react';
import type { I18n } from '../i18n/translate';
import type { EpochOrders } from '../state/epoch-orders';
import { useViewState, type ViewStore } from '../state/view-store';
import { BatchLegend } from './BatchLegend';
import { BatchTable } from './BatchTable';
import { batchAt, batchWidth, batchX, makeBatchLayout, pixelScale, VIEW_HEIGHT_MAX } from './batch-layout';
import { BatchPainter, type BatchView } from './batch-painter';
import { batchDescription } from './batch-text';

interface Props {
  batches: EpochOrders;
  /** Epochs received so far (rows to draw). */
  epochs: number;
  stepsDone: number;
  datasetSize: number;
  batchSize: number;
  dropLast: boolean;
  /** Epochs the run will have: sizes the rows from the start, so they do not jump as it grows. */
  plannedEpochs: number;
  view: ViewStore;
}

interface Pointed {
  epoch: number;
  batch: number;
}

function scaleNote(layout: ReturnType<typeof makeBatchLayout>, i18n: I18n): string {
  const scale = pixelScale(layout);
  if (!scale) return i18n.t('batch.cellPerSample');
  const samples = scale.samples < 10 ? scale.samples.toFixed(1) : i18n.count(Math.round(scale.samples));
  return scale.batches >= 1
    ? i18n.t('batch.perPixelBatches', { samples, batches: i18n.count(Math.round(scale.batches)) })
    : i18n.t('batch.perPixel', { samples });
}

export const BatchComposition = memo(function BatchComposition(props: Props) {
  const { batches, epochs, stepsDone, datasetSize, batchSize, dropLast, plannedEpochs, view } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const painter = useRef<BatchPainter | null>(null);
  const following = useRef(true);
  // Where the window is scrolled, kept here: reading el.scrollTop in a frame that has changed the
  // page would make the browser lay out the whole page there and then.
  const scrollTop = useRef(0);
  const [width, setWidth] = useState(0);
  const [hover, setHover] = useState<Pointed | null>(null);
  const [focus, setFocus] = useState<Pointed | null>(null);
  const tooltipId = useId();
  const viewState = useViewState(view);
  const i18n = useI18n();
  const { t } = i18n;

  const layout = useMemo(
    () => makeBatchLayout(width, Math.max(datasetSize, 1), batchSize, dropLast, plannedEpochs),
    [width, datasetSize, batchSize, dropLast, plannedEpochs],
  );
  const perEpoch = Math.max(layout.batchCount, 1);
  const totalHeight = plannedEpochs * layout.rowHeight;
  const viewHeight = Math.min(VIEW_HEIGHT_MAX, totalHeight);

  // Our own pointer first; otherwise the step pointed at on the loss chart.
  const shown = hover ?? focus;
  const fromElsewhere =
    viewState.hoverSource === 'loss' && viewState.hoverStep !== null
      ? { epoch: Math.floor(viewState.hoverStep / perEpoch), batch: viewState.hoverStep % perEpoch }
      : null;
  const outlined = shown ?? fromElsewhere;

  useEffect(() => {
    view.setHover(shown ? shown.epoch * perEpoch + shown.batch : null, 'composition');
  }, [view, shown, perEpoch]);

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
    const frame: BatchView = {
      layout,
      width,
      height: viewHeight,
      scrollTop: scrollTop.current,
      epochs,
      stepsDone,
      outlined,
    };
    painter.current.paint(frame, batches);
  }, [layout, width, viewHeight, epochs, stepsDone, outlined, batches, datasetSize]);

  // Follow the newest epoch unless the reader scrolled away from it.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && following.current) {
      const bottom = epochs * layout.rowHeight;
      const top = epochs === 0 ? 0 : bottom > scrollTop.current + viewHeight ? bottom - viewHeight : scrollTop.current;
      if (top !== scrollTop.current) {
        scrollTop.current = top;
        el.scrollTop = top;
      }
    }
    paint();
  }, [paint, epochs, layout.rowHeight, viewHeight]);

  useEffect(() => {
    following.current = true; // a new run starts at the top
    setHover(null);
    setFocus(null);
  }, [batches]);

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    scrollTop.current = el.scrollTop;
    following.current = el.scrollTop + el.clientHeight >= epochs * layout.rowHeight - layout.rowHeight;
    paint();
  };

  const pointAt = (clientX: number, clientY: number): Pointed | null => {
    const el = scroller.current;
    const c = canvas.current;
    if (!el || !c) return null;
    const rect = c.getBoundingClientRect();
    const epoch = Math.floor((clientY - rect.top + scrollTop.current) / layout.rowHeight);
    const batch = batchAt(layout, clientX - rect.left);
    return batch !== null && epoch >= 0 && epoch < epochs ? { epoch, batch } : null;
  };

  const moveFocus = (key: string) => {
    const current = focus ?? { epoch: Math.max(epochs - 1, 0), batch: 0 };
    const next = { ...current };
    if (key === 'ArrowUp') next.epoch -= 1;
    else if (key === 'ArrowDown') next.epoch += 1;
    else if (key === 'ArrowLeft') next.batch -= 1;
    else if (key === 'ArrowRight') next.batch += 1;
    else if (key === 'Home') next.epoch = 0;
    else if (key === 'End') next.epoch = epochs - 1;
    else return false;
    next.epoch = Math.min(Math.max(next.epoch, 0), Math.max(epochs - 1, 0));
    next.batch = Math.min(Math.max(next.batch, 0), Math.max(layout.batchCount - 1, 0));
    setFocus(next);
    const el = scroller.current;
    if (el) {
      const top = next.epoch * layout.rowHeight;
      if (top < scrollTop.current) el.scrollTop = top;
      else if (top + layout.rowHeight > scrollTop.current + viewHeight)
        el.scrollTop = top + layout.rowHeight - viewHeight;
      scrollTop.current = el.scrollTop;
    }
    return true;
  };

  const valid = shown && shown.epoch < epochs && shown.batch < batches.batchCount(shown.epoch);
  const tooltipText = valid ? batchDescription(batches, shown.epoch, shown.batch, i18n) : '';
  // Anchored on the batch's left edge in the left half, on its right edge in the right half.
  const tooltipX = valid
    ? shown.batch < layout.batchCount / 2
      ? { left: batchX(layout, shown.batch) }
      : { right: Math.max(0, width - batchX(layout, shown.batch) - batchWidth(layout, shown.batch)) }
    : {};
  const tooltipTop = valid ? (shown.epoch + 1) * layout.rowHeight - scrollTop.current : 0;
  const lastBatches = epochs > 0 ? batches.batchCount(epochs - 1) : 0;
  const scale = pixelScale(layout);

  return (
    <figure
      className="panel batch-composition"
      data-epochs={epochs}
      data-batches={lastBatches}
      data-samples-per-pixel={scale ? Math.round(scale.samples) : 0}
      data-outlined={outlined ? `${outlined.epoch + 1}:${outlined.batch + 1}` : undefined}
    >
      <figcaption>{t('batch.caption')}</figcaption>
      <p className="panel-note batch-note">
        {t('batch.note', { drawn: i18n.count(epochs) })}
        <span className="batch-scale">{scaleNote(layout, i18n)}</span>
      </p>
      <div className="batch-canvas-wrap">
        <div ref={scroller} className="batch-scroller" style={{ height: viewHeight || undefined }} onScroll={onScroll}>
          <canvas
            ref={canvas}
            className="batch-canvas"
            style={{ height: viewHeight }}
            tabIndex={0}
            role="img"
            aria-label={t('batch.aria')}
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
        {epochs === 0 && <p className="batch-empty">{t('batch.empty')}</p>}
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
      <BatchTable batches={batches} epochs={epochs} datasetSize={datasetSize} />
    </figure>
  );
});
