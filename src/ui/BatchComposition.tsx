// One row per epoch, each cell a sample: as drawn, the epoch's mini-batches in order (the reshuffle
// and the short last batch at a glance while cells can carry their sample numbers); by sample, one
// column per sample index in the colour of its batch (the shuffle as noise, no shuffle as stripes,
// at any N). Canvas, so 1,000,000 samples × 100 epochs draw as fast as 10 × 10; the last epochs also
// as a table for small datasets. Pointing at (or focusing) a batch shares its step through the view
// store: the fit view highlights its samples, the loss chart its step.
import { memo, useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useI18n } from '../i18n/react';
import type { I18n } from '../i18n/translate';
import type { EpochOrders } from '../state/epoch-orders';
import { useViewState, type BatchOrder, type ViewStore } from '../state/view-store';
import { BatchLegend } from './BatchLegend';
import { BatchTable } from './BatchTable';
import { Term } from './Term';
import {
  batchAt,
  batchWidth,
  batchX,
  defaultOrder,
  makeBatchLayout,
  pixelScale,
  sampleAt,
  sampleCellWidth,
  sampleX,
  VIEW_HEIGHT_MAX,
} from './batch-layout';
import { BatchPainter } from './batch-painter';
import { batchDescription, sampleDescription } from './batch-text';
import { batchesOfSample } from '../analysis/sample-batches';
import type { SamplePainter } from './sample-painter';

type SampleView = typeof import('./sample-view');

/** Sample i of epoch e: every batch it went into (0-based), or null when the order is gone. */
function batchesOf(orders: EpochOrders, e: number, sample: number): number[] | null {
  const epoch = orders.epochOrder(e);
  return epoch ? batchesOfSample(epoch.order, epoch.length, orders.batchSize, sample) : null;
}

interface Props {
  batches: EpochOrders;
  /** Epochs received so far (rows to draw). */
  epochs: number;
  stepsDone: number;
  /** Positions in an epoch: the training samples (a validation split's held-out ones take none). */
  datasetSize: number;
  /** Every sample by index, held-out ones included: the columns by sample. */
  sampleCount: number;
  /** The validation split's held-out samples (grey by sample, never drawn), or null. */
  heldOut: Int32Array | null;
  batchSize: number;
  dropLast: boolean;
  /** Sampling with replacement: samples no batch holds are "not drawn", not "left out". */
  replacement: boolean;
  /** Epochs the run will have: sizes the rows from the start, so they do not jump as it grows. */
  plannedEpochs: number;
  view: ViewStore;
}

interface Pointed {
  epoch: number;
  /** The batch, 0-based; −1 for a sample by sample that no batch holds. */
  batch: number;
  /** By sample: the sample pointed at. */
  sample?: number;
}

type Layout = ReturnType<typeof makeBatchLayout>;

/** What a cell or a pixel of the chart stands for; `perPixel` when a pixel holds several samples. */
function scaleNote(layout: Layout, i18n: I18n, order: BatchOrder, width: number): { text: string; perPixel: boolean } {
  if (order === 'sample') {
    const cell = sampleCellWidth(layout, width);
    if (cell <= 0 || cell >= 1) {
      return { text: i18n.t('batch.sampleColumns', { last: i18n.count(layout.datasetSize - 1) }), perPixel: false };
    }
    const samples = 1 / cell;
    const text = i18n.t('batch.perPixelSamples', {
      samples: samples < 10 ? samples.toFixed(1) : i18n.count(Math.round(samples)),
    });
    return { text, perPixel: true };
  }
  const scale = pixelScale(layout);
  if (!scale) return { text: i18n.t('batch.cellPerSample'), perPixel: false };
  const samples = scale.samples < 10 ? scale.samples.toFixed(1) : i18n.count(Math.round(scale.samples));
  const text =
    scale.batches >= 1
      ? i18n.t('batch.perPixelBatches', { samples, batches: i18n.count(Math.round(scale.batches)) })
      : i18n.t('batch.perPixel', { samples });
  return { text, perPixel: true };
}

export const BatchComposition = memo(function BatchComposition(props: Props) {
  const { batches, epochs, stepsDone, datasetSize, sampleCount, heldOut, batchSize, dropLast, replacement } = props;
  const { plannedEpochs, view } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const painter = useRef<BatchPainter | null>(null);
  const samplePainter = useRef<SamplePainter | null>(null);
  const [sampleView, setSampleView] = useState<SampleView | null>(null);
  const rows = useMemo(() => (sampleView ? new sampleView.SampleRows() : null), [sampleView]);
  const pendingFrame = useRef(0);
  const following = useRef(true);
  // Where the window is scrolled, kept here: reading el.scrollTop in a frame that has changed the
  // page would make the browser lay out the whole page there and then.
  const scrollTop = useRef(0);
  const [width, setWidth] = useState(0);
  const [hover, setHover] = useState<Pointed | null>(null);
  const [focus, setFocus] = useState<Pointed | null>(null);
  const tooltipId = useId();
  const orderId = useId();
  const viewState = useViewState(view);
  const i18n = useI18n();
  const { t } = i18n;

  const layout = useMemo(
    () => makeBatchLayout(width, Math.max(datasetSize, 1), batchSize, dropLast, plannedEpochs),
    [width, datasetSize, batchSize, dropLast, plannedEpochs],
  );
  // By sample the columns are every sample index; the batches stay those of the training set.
  const sampleLayout = useMemo(() => ({ ...layout, datasetSize: Math.max(sampleCount, 1) }), [layout, sampleCount]);
  const heldOutSet = useMemo(() => new Set(heldOut ?? []), [heldOut]);
  const perEpoch = Math.max(layout.batchCount, 1);
  const totalHeight = plannedEpochs * layout.rowHeight;
  const viewHeight = Math.min(VIEW_HEIGHT_MAX, totalHeight);
  // A link's or the reader's choice; else by sample once cells can no longer carry sample numbers.
  const order: BatchOrder = viewState.order ?? defaultOrder(layout);
  const bySample = order === 'sample';
  const sampleCell = sampleCellWidth(sampleLayout, width);

  // Our own pointer first; otherwise the step pointed at on the loss chart.
  const shown = hover ?? focus;
  const fromElsewhere =
    viewState.hoverSource === 'loss' && viewState.hoverStep !== null
      ? { epoch: Math.floor(viewState.hoverStep / perEpoch), batch: viewState.hoverStep % perEpoch }
      : null;
  const outlined = shown ?? fromElsewhere;
  const pointedSample = shown?.sample;
  // By sample, a step pointed at elsewhere also marks its batch's samples, while the order is kept.
  const [elsewhereEpoch, elsewhereBatch] =
    !shown && fromElsewhere ? [fromElsewhere.epoch, fromElsewhere.batch] : [-1, -1];
  const outlinedBatch = useMemo(() => {
    if (!bySample || elsewhereEpoch < 0 || elsewhereEpoch >= epochs) return null;
    const samples = batches.batchIndices(elsewhereEpoch, elsewhereBatch);
    return samples && samples.length > 0 ? { epoch: elsewhereEpoch, samples } : null;
  }, [bySample, batches, elsewhereEpoch, elsewhereBatch, epochs]);
  const outlinedSamples = useMemo(
    () => (outlinedBatch && sampleView ? sampleView.distinctSamples(outlinedBatch.samples, sampleCount) : undefined),
    [outlinedBatch, sampleView, sampleCount],
  );

  useEffect(() => {
    view.setHover(shown && shown.batch >= 0 ? shown.epoch * perEpoch + shown.batch : null, 'composition');
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
    // Every epoch is summarised by sample while its order is kept, whichever order is shown, so
    // that switching later still has the old epochs of a large run; a few a frame.
    const columns = Math.min(sampleCount, Math.round((width - layout.labelWidth) * (window.devicePixelRatio || 1)));
    const more = rows?.update(batches, sampleCount, columns, () => performance.now()) ?? false;
    if (more && pendingFrame.current === 0) {
      pendingFrame.current = requestAnimationFrame(() => {
        pendingFrame.current = 0;
        repaint.current();
      });
    }
    const frame = { layout, width, height: viewHeight, scrollTop: scrollTop.current, epochs, stepsDone };
    if (bySample) {
      if (!sampleView || !rows) return; // a moment after the first paint
      samplePainter.current ??= new sampleView.SamplePainter(canvas.current);
      samplePainter.current.paint(
        {
          ...frame,
          layout: sampleLayout,
          outlinedSample:
            outlined && pointedSample !== undefined ? { epoch: outlined.epoch, sample: pointedSample } : null,
          outlinedEpoch: outlined && pointedSample === undefined ? outlined.epoch : null,
          outlinedBatch,
        },
        rows,
      );
      return;
    }
    painter.current ??= new BatchPainter(canvas.current);
    painter.current.paint({ ...frame, outlined }, batches);
  }, [
    layout,
    sampleLayout,
    width,
    viewHeight,
    epochs,
    stepsDone,
    outlined,
    pointedSample,
    outlinedBatch,
    batches,
    datasetSize,
    sampleCount,
    rows,
    sampleView,
    bySample,
  ]);
  const repaint = useRef(paint);
  repaint.current = paint;
  const scrollFrame = useRef(0);
  useEffect(
    () => () => {
      cancelAnimationFrame(pendingFrame.current);
      cancelAnimationFrame(scrollFrame.current);
    },
    [],
  );
  useEffect(() => {
    let live = true;
    void import('./sample-view').then((loaded) => {
      if (live) setSampleView(loaded);
    });
    return () => {
      live = false;
    };
  }, []);

  // Follow the newest epoch unless the reader scrolled away from it.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && following.current) {
      const bottom = epochs * layout.rowHeight;
      const top = epochs === 0 ? 0 : bottom > scrollTop.current + viewHeight ? bottom - viewHeight : scrollTop.current;
      if (top !== scrollTop.current) {
        scrollTop.current = top;
        // Scrolled in the next frame's callbacks, which lay the page out anyway: a scroll position
        // written here lays out the page at once, in this redraw's task, with whatever other views
        // changed before it (a thousand new log lines at a run's end). The paint below uses `top`.
        scrollFrame.current ||= requestAnimationFrame(() => {
          scrollFrame.current = 0;
          if (scroller.current) scroller.current.scrollTop = scrollTop.current;
        });
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
    if (epoch < 0 || epoch >= epochs) return null;
    if (bySample) {
      const sample = sampleAt(sampleLayout, width, clientX - rect.left);
      return sample === null ? null : pointAtSample(epoch, sample);
    }
    const batch = batchAt(layout, clientX - rect.left);
    return batch !== null ? { epoch, batch } : null;
  };

  /** Sample `sample` of `epoch` with the (first) batch it went into: one pass over the epoch. */
  const pointAtSample = (epoch: number, sample: number): Pointed => {
    const found = batchesOf(batches, epoch, sample);
    return { epoch, sample, batch: found && found.length > 0 ? found[0] : -1 };
  };

  const moveFocus = (key: string) => {
    const current = focus ?? { epoch: Math.max(epochs - 1, 0), batch: 0 };
    if (bySample) return moveSampleFocus(key, current);
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
    scrollToEpoch(next.epoch);
    return true;
  };

  /** By sample, ← → move one pixel's worth of samples (one sample while columns are wide). */
  const moveSampleFocus = (key: string, current: Pointed) => {
    const step = Math.max(1, Math.ceil(1 / Math.max(sampleCell, 1e-9)));
    let { epoch, sample = 0 } = current;
    if (key === 'ArrowUp') epoch -= 1;
    else if (key === 'ArrowDown') epoch += 1;
    else if (key === 'ArrowLeft') sample -= step;
    else if (key === 'ArrowRight') sample += step;
    else if (key === 'Home') epoch = 0;
    else if (key === 'End') epoch = epochs - 1;
    else return false;
    epoch = Math.min(Math.max(epoch, 0), Math.max(epochs - 1, 0));
    sample = Math.min(Math.max(sample, 0), Math.max(sampleCount - 1, 0));
    setFocus(pointAtSample(epoch, sample));
    scrollToEpoch(epoch);
    return true;
  };

  const scrollToEpoch = (epoch: number) => {
    const el = scroller.current;
    if (el) {
      const top = epoch * layout.rowHeight;
      if (top < scrollTop.current) el.scrollTop = top;
      else if (top + layout.rowHeight > scrollTop.current + viewHeight)
        el.scrollTop = top + layout.rowHeight - viewHeight;
      scrollTop.current = el.scrollTop;
    }
  };

  const valid =
    shown &&
    shown.epoch < epochs &&
    (shown.sample !== undefined ? bySample : !bySample && shown.batch < batches.batchCount(shown.epoch));
  const tooltipText = !valid
    ? ''
    : shown.sample !== undefined
      ? sampleDescription(
          batchesOf(batches, shown.epoch, shown.sample),
          {
            sample: shown.sample,
            epoch: shown.epoch,
            replacement,
            heldOut: heldOutSet.has(shown.sample),
            keptEpochs: batches.keptEpochs,
          },
          i18n,
        )
      : batchDescription(batches, shown.epoch, shown.batch, i18n);
  // Anchored on the cell's left edge in the left half, on its right edge in the right half.
  const [cellLeft, cellWidth, leftHalf] =
    shown?.sample !== undefined
      ? [sampleX(sampleLayout, width, shown.sample), sampleCell, shown.sample < sampleCount / 2]
      : shown
        ? [batchX(layout, shown.batch), batchWidth(layout, shown.batch), shown.batch < layout.batchCount / 2]
        : [0, 0, true];
  const tooltipX = valid ? (leftHalf ? { left: cellLeft } : { right: Math.max(0, width - cellLeft - cellWidth) }) : {};
  const tooltipTop = valid ? (shown.epoch + 1) * layout.rowHeight - scrollTop.current : 0;
  const lastBatches = epochs > 0 ? batches.batchCount(epochs - 1) : 0;
  const scale = bySample ? (sampleCell > 0 && sampleCell < 1 ? { samples: 1 / sampleCell } : null) : pixelScale(layout);

  const note = scaleNote(bySample ? sampleLayout : layout, i18n, order, width);

  return (
    <figure
      className="panel batch-composition"
      data-epochs={epochs}
      data-batches={lastBatches}
      data-samples-per-pixel={scale ? Math.round(scale.samples) : 0}
      data-outlined={outlined && outlined.batch >= 0 ? `${outlined.epoch + 1}:${outlined.batch + 1}` : undefined}
      data-outlined-sample={shown?.sample}
      data-outlined-samples={outlinedSamples}
      data-order={order}
    >
      <figcaption>{t('batch.caption')}</figcaption>
      <div className="chart-tools">
        <div className="field-inline">
          <label htmlFor={orderId}>{t('batch.order')}</label>
          <select id={orderId} value={order} onChange={(e) => view.setOrder(e.target.value as BatchOrder)}>
            <option value="drawn">{t('batch.orderDrawn')}</option>
            <option value="sample">{t('batch.orderSample')}</option>
          </select>
        </div>
      </div>
      <p className="panel-note batch-note">
        {t('batch.note', { drawn: i18n.count(epochs) })}
        <span className="batch-scale">{note.text}</span>
        {note.perPixel && <Term explain="glossary.perPixel" />}
      </p>
      <div className="batch-canvas-wrap">
        <div ref={scroller} className="batch-scroller" style={{ height: viewHeight || undefined }} onScroll={onScroll}>
          <canvas
            ref={canvas}
            className="batch-canvas"
            style={{ height: viewHeight }}
            tabIndex={0}
            role="img"
            aria-label={t(bySample ? 'batch.ariaSample' : 'batch.aria')}
            aria-describedby={valid ? tooltipId : undefined}
            onMouseMove={(e) => setHover(pointAt(e.clientX, e.clientY))}
            onMouseLeave={() => setHover(null)}
            onFocus={() =>
              setFocus(
                (f) =>
                  f ??
                  (epochs === 0 ? null : bySample ? pointAtSample(epochs - 1, 0) : { epoch: epochs - 1, batch: 0 }),
              )
            }
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
      <BatchLegend layout={layout} order={order} replacement={replacement} heldOut={heldOutSet.size} />
      {/* Under the chart, above its table: where the indices are read, not between the tools and the chart. */}
      <p className="panel-note index-note">{t('glossary.indices')}</p>
      <BatchTable batches={batches} epochs={epochs} datasetSize={datasetSize} />
    </figure>
  );
});
