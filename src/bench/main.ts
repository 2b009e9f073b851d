// The benchmark page (bench.html): runs every engine on every configuration in a worker and shows
// a table. `npm run bench` drives it headless; anyone can open it to measure their own device.
import './bench.css';
import { CASES, ENGINES, type EngineName, type EngineResult } from './cases';
import type { BenchMessage, BenchRequest } from './bench-worker';

declare global {
  interface Window {
    __bench: { results: EngineResult[]; log: string[]; done: boolean };
  }
}

const params = new URLSearchParams(location.search);
const engines = (params.get('engines')?.split(',') ?? ENGINES.map((e) => e.name)) as EngineName[];
const caseIds = params.get('cases')?.split(',') ?? CASES.map((c) => c.id);
const budgetMs = Number(params.get('budget') ?? 1500);
const checkSteps = Number(params.get('check') ?? 32);

const state: Window['__bench'] = { results: [], log: [], done: false };
window.__bench = state;

const table = document.querySelector<HTMLTableSectionElement>('#results tbody')!;
const status = document.querySelector<HTMLElement>('#status')!;
const fmt = (v: number) => (v >= 100 ? Math.round(v).toLocaleString('en-US') : v.toPrecision(3));

function addRow(r: EngineResult) {
  const row = table.insertRow();
  const label = CASES.find((c) => c.id === r.caseId)?.label ?? r.caseId;
  const engine = ENGINES.find((e) => e.name === r.engine)?.label ?? r.engine;
  for (const text of [
    label,
    engine,
    r.note ?? '',
    fmt(r.stepsPerSecond),
    fmt(r.samplesPerSecond),
    r.maxRelativeError === null ? '—' : r.maxRelativeError.toExponential(1),
    r.maxRelativeErrorFloat64 === undefined ? '—' : r.maxRelativeErrorFloat64.toExponential(1),
  ])
    row.insertCell().textContent = text;
}

const worker = new Worker(new URL('./bench-worker.ts', import.meta.url), { type: 'module', name: 'bench' });
worker.onmessage = (e: MessageEvent<BenchMessage>) => {
  const m = e.data;
  switch (m.type) {
    case 'result':
      state.results.push(m.result);
      addRow(m.result);
      return;
    case 'log':
      state.log.push(m.text);
      status.textContent = m.text;
      return;
    case 'done':
      state.done = true;
      status.textContent = 'Done.';
      return;
  }
};
worker.onerror = (e) => {
  state.log.push(`worker error: ${e.message}`);
  state.done = true;
};
const request: BenchRequest = { type: 'run', engines, caseIds, budgetMs, checkSteps };
worker.postMessage(request);
