// The model's two numbers: where nn.Linear(1, 1) starts after torch.manual_seed(seed) (the same
// numbers the exported PyTorch script prints) and where SGD has taken them. An MLP has too many
// numbers to list: the panel names it and counts its parameters; the fit view shows its curve.
import { describeModel, parameterCount, type ModelSpec } from '../engine/models';
import type { ModelParams } from '../protocol';
import { count, fourDecimals } from './numbers';

function Value({ x }: { x: number }) {
  return (
    <span className="param-value" title={String(x)}>
      {fourDecimals(x)}
    </span>
  );
}

function ParamsLine({ label, params }: { label: string; params: ModelParams }) {
  return (
    <p className="params-line">
      {label} <var>w</var> = <Value x={params.w} />, <var>b</var> = <Value x={params.b} />
    </p>
  );
}

interface Props {
  initial: ModelParams | null;
  current: ModelParams | null;
  stepsDone: number;
  /** A number, or the exact decimal text of a seed beyond 2^53. */
  seed: number | string;
  /** The run's model; the linear model when absent. */
  model?: ModelSpec;
}

export function ParamsPanel({ initial, current, stepsDone, seed, model }: Props) {
  if (model?.kind === 'mlp') {
    return (
      <section className="params" aria-labelledby="params-heading">
        <h2 id="params-heading">
          Model: MLP 1 → {model.hiddenUnits} → 1 ({model.activation})
        </h2>
        <p className="params-line">{count(parameterCount(model))} parameters</p>
        <p className="params-note">
          {describeModel(model)} after torch.manual_seed({seed}); its curve is in the fit view.
        </p>
      </section>
    );
  }
  return (
    <section className="params" aria-labelledby="params-heading">
      <h2 id="params-heading">Model y = w·x + b</h2>
      {initial ? (
        <>
          <ParamsLine label="Initial" params={initial} />
          <p className="params-note">nn.Linear(1, 1) after torch.manual_seed({seed}); hover for all digits.</p>
          {current && stepsDone > 0 && <ParamsLine label="Current" params={current} />}
        </>
      ) : (
        <p className="params-line">Initial w, b: waiting for the worker…</p>
      )}
    </section>
  );
}
