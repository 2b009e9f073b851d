// Runs the benchmark's engines one after another in one worker, so the figures are ratios measured
// on the same machine at the same moment. How one engine is measured (checked against both
// references first, then timed) is ./measure.ts, shared with `npm run bench:node`.
import { englishText } from '../i18n/message';
import { selectBackend } from '../worker/backend';
import { createTrainer } from '../worker/trainer-factory';
import { CASES, ENGINES, type BenchCase, type EngineName, type EngineResult } from './cases';
import { measureDataLoader, measureJsFloor, measureTrainer, opByOpTrainer } from './measure';

export type BenchRequest = {
  type: 'run';
  engines: EngineName[];
  caseIds: string[];
  budgetMs: number;
  checkSteps: number;
};
export type BenchMessage = { type: 'result'; result: EngineResult } | { type: 'log'; text: string } | { type: 'done' };

const post = (m: BenchMessage) => self.postMessage(m);

async function measure(engine: EngineName, c: BenchCase, budgetMs: number, checkSteps: number): Promise<EngineResult> {
  if (engine === 'dataloader') return measureDataLoader(c, budgetMs);
  if (engine === 'js-float64') return measureJsFloor(c, { budgetMs, checkSteps });
  const naive = engine === 'naive-tfjs';
  const make = naive ? opByOpTrainer : createTrainer;
  const preshuffled = engine === 'app-webgpu-preshuffled';
  return measureTrainer(c, { name: engine, make, naive, preshuffled }, { budgetMs, checkSteps });
}

async function run(request: BenchRequest): Promise<void> {
  for (const engineName of request.engines) {
    const engine = ENGINES.find((e) => e.name === engineName)!;
    if (engine.backend) {
      const info = await selectBackend(engine.backend);
      if (info.name !== engine.backend) {
        post({
          type: 'log',
          text: `${engine.name}: ${engine.backend} unavailable (${info.fallbackReasons.map((f) => `${f.backend}: ${englishText(f.reason)}`).join('; ')})`,
        });
        continue;
      }
      if (info.adapter) {
        const a = info.adapter;
        const fallback = a.isFallbackAdapter ? ', fallback adapter' : '';
        post({
          type: 'log',
          text: `adapter: ${a.vendor} ${a.architecture} ${a.description}${fallback}`.replace(/\s+/g, ' '),
        });
      }
    }
    for (const c of CASES.filter((k) => request.caseIds.includes(k.id))) {
      post({ type: 'log', text: `${engine.name} × ${c.id}…` });
      post({ type: 'result', result: await measure(engine.name, c, request.budgetMs, request.checkSteps) });
    }
  }
  post({ type: 'done' });
}

self.onmessage = (e: MessageEvent<BenchRequest>) => {
  run(e.data).catch((err: unknown) => {
    post({ type: 'log', text: `error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}` });
    post({ type: 'done' });
  });
};
