// How the charts are looked at, shared between them: which step is pointed at (a batch in the
// composition, a point on the loss chart), the loss chart's x axis and scale. Kept apart from the
// run store so that moving the mouse re-renders only the views that show the pointer, never the
// training data.
import { useSyncExternalStore } from 'react';
import type { XAxisMode } from '../analysis/loss-series';

export type { XAxisMode };

/** The view that set the pointer; a view does not redraw its own pointer from the store. */
export type HoverSource = 'composition' | 'loss';

/** The batch composition's columns: positions in the epoch's order, or sample indices 0 … N−1. */
export type BatchOrder = 'drawn' | 'sample';

export interface ViewState {
  /** The pointed-at step (0-based); it may not be trained yet (a batch later in the epoch). */
  hoverStep: number | null;
  hoverSource: HoverSource | null;
  xAxis: XAxisMode;
  logScale: boolean;
  /** Chosen by the reader or a link (`corder=`); null: the chart picks by its size. */
  order: BatchOrder | null;
}

/** What a link keeps of the view (written back to it on every change). */
type LinkedView = Pick<ViewState, 'xAxis' | 'logScale' | 'order'>;

export class ViewStore {
  private state: ViewState;
  private readonly listeners = new Set<() => void>();

  /** `initial`: the axis, scale and order a link asks for; `onViewChange` hears them change. */
  constructor(
    initial: Partial<LinkedView> = {},
    private readonly onViewChange?: (view: LinkedView) => void,
  ) {
    this.state = { hoverStep: null, hoverSource: null, xAxis: 'step', logScale: false, order: null, ...initial };
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): ViewState => this.state;

  setHover(step: number | null, source: HoverSource): void {
    if (step === null && this.state.hoverSource !== source) return; // someone else points now
    const hoverSource = step === null ? null : source;
    if (step === this.state.hoverStep && hoverSource === this.state.hoverSource) return;
    this.set({ hoverStep: step, hoverSource });
  }

  setXAxis(xAxis: XAxisMode): void {
    if (xAxis === this.state.xAxis) return;
    this.set({ xAxis });
    this.linkChanged();
  }

  setLogScale(logScale: boolean): void {
    if (logScale === this.state.logScale) return;
    this.set({ logScale });
    this.linkChanged();
  }

  /** The reader's choice of order; it changes how the chart is drawn, never the run. */
  setOrder(order: BatchOrder): void {
    if (order === this.state.order) return;
    this.set({ order });
    this.linkChanged();
  }

  private linkChanged(): void {
    const { xAxis, logScale, order } = this.state;
    this.onViewChange?.({ xAxis, logScale, order });
  }

  /** A new run: nothing of the old one is pointed at. */
  clearHover(): void {
    if (this.state.hoverStep !== null) this.set({ hoverStep: null, hoverSource: null });
  }

  private set(patch: Partial<ViewState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }
}

export function useViewState(store: ViewStore): ViewState {
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
