// The engines `npm run bench:node` measures, on the browser bench's cases (../cases.ts) and with
// its measuring code (../measure.ts). The fused kernels get the Dawn device and a schedule chosen
// here, not by the adapter, so both schedules run on whatever adapter is present.
import type { ModelSpec } from '../../engine/models';
import { FusedLinearTrainer, type KernelSchedule } from '../../worker/kernels/fused-linear-trainer';
import { FusedMlpTrainer } from '../../worker/kernels/fused-mlp-trainer';
import type { BenchCase, EngineResult } from '../cases';
import { measureJsFloor, measureTrainer, opByOpTrainer, type MeasureOptions, type TrainerEngine } from '../measure';

/** The tfjs backend an engine needs set first; null for engines that do not use tfjs. */
export type TfjsBackend = 'cpu' | 'webgpu' | null;

export interface NodeEngine {
  id: string;
  label: string;
  backend: TfjsBackend;
  /** The models it trains (the MLP case is left out of the linear kernels' rows and back). */
  models: readonly ModelSpec['kind'][];
  measure(c: BenchCase, options: MeasureOptions): Promise<EngineResult>;
}

/** The plain-JS float64 loop every other engine's figures are divided by, measured in the same run. */
export const JS_FLOOR = 'js-float64';

const trainerEngine = (
  id: string,
  label: string,
  backend: TfjsBackend,
  models: NodeEngine['models'],
  engine: Omit<TrainerEngine, 'name'>,
): NodeEngine => ({
  id,
  label,
  backend,
  models,
  measure: (c, options) => measureTrainer(c, { name: id, ...engine }, options),
});

const fusedLinear = (device: GPUDevice, schedule: KernelSchedule): NodeEngine =>
  trainerEngine(`fused-${schedule}`, `fused WGSL kernels, ${schedule} schedule`, null, ['linear'], {
    naive: false,
    make: (plan, config) =>
      new FusedLinearTrainer(device, plan.dataset, plan.initialParams!, config.learningRate, schedule),
  });

/** Every engine, in the order each run measures them (`device` null: Dawn found no adapter). */
export function nodeEngines(device: GPUDevice | null): NodeEngine[] {
  const gpu: NodeEngine[] = device
    ? [
        fusedLinear(device, 'sequential'),
        fusedLinear(device, 'parallel'),
        trainerEngine('fused-mlp', 'fused WGSL MLP kernel (one invocation per chunk)', null, ['mlp'], {
          naive: false,
          make: (plan, config) => {
            if (plan.model.kind !== 'mlp') throw new Error('fused-mlp trains the MLP only');
            return new FusedMlpTrainer(device, plan.dataset, plan.model, plan.initialParameters, config.learningRate);
          },
        }),
        // Issue 16's experiment engine trains whole grids, not a single run's case: its rows are
        // a table of their own (experiment.ts).
      ]
    : [];
  return [
    {
      id: JS_FLOOR,
      label: 'plain JS float64 loop (the CPU floor)',
      backend: null,
      models: ['linear', 'mlp'],
      measure: measureJsFloor,
    },
    ...gpu,
    trainerEngine('tfjs-cpu', 'tfjs op by op on tfjs-backend-cpu (the app’s chunks)', 'cpu', ['linear', 'mlp'], {
      naive: false,
      make: opByOpTrainer,
    }),
    trainerEngine(
      'tfjs-webgpu',
      'tfjs op by op on tfjs-backend-webgpu (the app’s chunks)',
      'webgpu',
      ['linear', 'mlp'],
      {
        naive: false,
        make: opByOpTrainer,
      },
    ),
    trainerEngine(
      'naive-tfjs-webgpu',
      'tfjs op by op on webgpu, read each step (the browser’s naive loop)',
      'webgpu',
      ['linear', 'mlp'],
      {
        naive: true,
        make: opByOpTrainer,
      },
    ),
  ];
}
