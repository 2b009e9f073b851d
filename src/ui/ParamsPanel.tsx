// The model's two numbers: where nn.Linear(1, 1) starts after torch.manual_seed(seed) (the same
// numbers the exported PyTorch script prints) and where SGD has taken them. An MLP has too many
// numbers to list: the panel names it and counts its parameters; the fit view shows its curve.
import { describeModel, parameterCount, type ModelSpec } from '../engine/models';
import { Fill } from '../i18n/Fill';
import { useI18n } from '../i18n/react';
import type { ModelParams } from '../protocol';
import { readable } from './numbers';

function Value({ x }: { x: number }) {
  return (
    <span className="param-value" title={String(x)}>
      {readable(x)}
    </span>
  );
}

// The separator between w and b is the catalogue's: "，" between Chinese words, ", " in English.
function ParamsLine({ label, params }: { label: string; params: ModelParams }) {
  const { t } = useI18n();
  return (
    <p className="params-line">
      <Fill
        text={t('params.values')}
        slots={{
          label,
          w: (
            <>
              <var>w</var> = <Value x={params.w} />
            </>
          ),
          b: (
            <>
              <var>b</var> = <Value x={params.b} />
            </>
          ),
        }}
      />
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
  const i18n = useI18n();
  const { t } = i18n;
  const seedCall = <code translate="no">torch.manual_seed({seed})</code>;
  if (model?.kind === 'mlp') {
    return (
      <section className="params" aria-labelledby="params-heading">
        <h2 id="params-heading">{t('params.mlpModel', { hidden: model.hiddenUnits, activation: model.activation })}</h2>
        <p className="params-line">{i18n.tp('params.count', parameterCount(model))}</p>
        <p className="params-note">
          <Fill
            text={t('params.mlpNote')}
            slots={{ model: <code translate="no">{describeModel(model)}</code>, seedCall }}
          />
        </p>
      </section>
    );
  }
  return (
    <section className="params" aria-labelledby="params-heading">
      <h2 id="params-heading">{t('params.model')}</h2>
      {initial ? (
        <>
          <ParamsLine label={t('params.initial')} params={initial} />
          <p className="params-note">
            <Fill
              text={t('params.linearNote')}
              slots={{ layer: <code translate="no">nn.Linear(1, 1)</code>, seedCall }}
            />
          </p>
          {current && stepsDone > 0 && <ParamsLine label={t('params.current')} params={current} />}
        </>
      ) : (
        <p className="params-line">{t('params.waiting')}</p>
      )}
    </section>
  );
}
