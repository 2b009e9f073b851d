// Every setting of a run, once. Its URL key, type, default, limits, validation, message keys, the
// control name `hide=` removes, what a change does to the run, how the exported PyTorch script says
// it, how a pinned run's label names it, and its line in docs/url.md all come from its row here:
// - config.ts: DEFAULT_CONFIG, LIMITS and validateConfig (the one schema of URL, controls and worker);
// - state/url.ts: URL read and write, the notice of ignored parameters, hide= names;
// - ui/SettingField.tsx: a number box or checkbox for a row, its label and error in the page's words;
// - export/pytorch-script.ts: the DataLoader, RandomSampler, SGD, seed and epoch literals;
// - state/pinned-runs.ts: comparison labels ("B=1, lr=0.03");
// - docs/url.md: its table, checked against this one by scripts/url-docs.test.ts.
// Adding a setting: a row here (and its RunConfig field), its control, its messages in both catalogues.
import type { RunConfig } from './config';
import { problem, type Problem } from './problem';
import { normalizeSeed, seedProblem } from './seed';

/** Every RunConfig field but the user's CSV columns, which travel with the config and not in a link. */
export type SettingField = Exclude<keyof RunConfig, 'customData'>;

/** A setting's type, and with it how its URL text is read and its value checked. */
export type SettingKind =
  | { type: 'int'; min: number; max: number }
  /**
   * `above`: the minimum itself is refused (a learning rate must be positive); `below`: the maximum
   * is (a validation split of 0.5 would hold out as many samples as it trains on).
   */
  | { type: 'number'; min: number; max: number; above?: boolean; below?: boolean }
  | { type: 'flag' }
  | { type: 'choice'; choices: readonly string[] }
  /** torch.manual_seed's range, read as text: a number would round seeds beyond 2^53. */
  | { type: 'seed' };

/**
 * What a change of the setting does: `run` resets the run (the notice "Settings changed — run
 * reset"), `backend` restarts the worker, `speed` applies to the run under way from its next step.
 */
export type SettingChange = 'run' | 'speed' | 'backend';

/**
 * Where the exported PyTorch script says the value, as a literal of the setting's type:
 * `DataLoader(…, arg=…)`, `optim.SGD(…, arg=…)`, `torch.manual_seed(…)` or `num_epochs = …`;
 * `section`: the data or model section the export writes for it; null: not in the script (playback).
 */
export type ScriptPlace =
  | { call: 'DataLoader' | 'RandomSampler' | 'optim.SGD'; arg: string }
  | { call: 'torch.manual_seed' | 'num_epochs' }
  | { section: 'data' | 'model' }
  | null;

/**
 * How a pinned run's label names the setting when the compared runs differ in it: `symbol` as
 * "B=3"; `message` with the value as {count} (plural) or {value}; `flag` the `changed` words when
 * off its default (with `plain` when nothing else tells the runs apart); `section`: named with the
 * dataset or the model; null: never (playback settings do not change a run's numbers).
 */
export type LabelPlace =
  | { symbol: string }
  | { message: string; plural?: boolean }
  | { changed: string; plain: string }
  | { section: 'data' | 'model' }
  | null;

export interface SettingSpec<F extends SettingField = SettingField> {
  field: F;
  /** The URL query key. Public: teachers' links use it (docs/contract.md). */
  key: string;
  kind: SettingKind;
  default: RunConfig[F];
  /** The control's label (a catalogue key). */
  label: string;
  /** What the label's word means, for a first-year student (a `glossary.…` catalogue key; ui/Term.tsx). */
  glossary?: string;
  /** Why a value is refused (a catalogue key); int settings get {min} and {max}. */
  problem: string;
  /** The control `hide=` removes; null: it goes with another control (n with dataset, hidden with model). */
  hide: string | null;
  change: SettingChange;
  script: ScriptPlace;
  pinned: LabelPlace;
  /**
   * A flag that, while on, makes this setting not apply (Shuffle beside Replacement): its control is
   * disabled with `note` by it, labels leave it out, the script does not pass it.
   */
  unusedWhen?: { field: SettingField; note: string };
  /** docs/url.md: what it sets, and the values when the type alone does not say them (Markdown). */
  doc: { meaning: string; values?: string };
}

type AnySetting = { [F in SettingField]: SettingSpec<F> }[SettingField];

/** Steps per second the Speed select offers; 0 = as fast as the engine goes. */
export const SPEED_CHOICES: readonly number[] = [0, 20, 5, 1];

/** In URL order: a link writes its keys in this order. */
export const SETTINGS = [
  {
    field: 'batchSize',
    key: 'batch',
    kind: { type: 'int', min: 1, max: 2 ** 31 - 1 },
    default: 3,
    label: 'controls.batchSize',
    glossary: 'glossary.batchSize',
    problem: 'error.batchSize',
    hide: 'batch',
    change: 'run',
    script: { call: 'DataLoader', arg: 'batch_size' },
    pinned: { symbol: 'B' },
    doc: { meaning: '`batch_size`', values: 'whole number 1 … 2147483647 (larger than N gives one batch of N)' },
  },
  {
    field: 'shuffle',
    key: 'shuffle',
    kind: { type: 'flag' },
    default: true,
    label: 'controls.shuffle',
    glossary: 'glossary.shuffle',
    problem: 'error.shuffle',
    hide: 'shuffle',
    change: 'run',
    script: { call: 'DataLoader', arg: 'shuffle' },
    pinned: { changed: 'pinned.noShuffle', plain: 'pinned.shuffle' },
    // RandomSampler(replacement=True) draws the order itself; PyTorch refuses shuffle=True beside a sampler.
    unusedWhen: { field: 'replacement', note: 'controls.shuffleUnused' },
    doc: { meaning: '`shuffle`' },
  },
  {
    field: 'replacement',
    key: 'replacement',
    kind: { type: 'flag' },
    default: false,
    label: 'controls.replacement',
    glossary: 'glossary.replacement',
    problem: 'error.replacement',
    hide: 'replacement',
    change: 'run',
    script: { call: 'RandomSampler', arg: 'replacement' },
    pinned: { changed: 'pinned.replacement', plain: 'pinned.noReplacement' },
    doc: {
      meaning:
        '`sampler=RandomSampler(dataset, replacement=True)`: N draws per epoch with replacement (`shuffle` does not apply while it is on)',
    },
  },
  {
    field: 'learningRate',
    key: 'lr',
    kind: { type: 'number', min: 0, max: Number.MAX_VALUE, above: true },
    default: 0.01,
    label: 'controls.learningRate',
    glossary: 'glossary.learningRate',
    problem: 'error.learningRate',
    hide: 'lr',
    change: 'run',
    script: { call: 'optim.SGD', arg: 'lr' },
    pinned: { symbol: 'lr' },
    doc: { meaning: 'SGD learning rate', values: 'positive number' },
  },
  {
    field: 'epochs',
    key: 'epochs',
    kind: { type: 'int', min: 1, max: 100_000 },
    default: 10,
    label: 'controls.epochs',
    glossary: 'glossary.epoch',
    problem: 'error.epochs',
    hide: 'epochs',
    change: 'run',
    script: { call: 'num_epochs' },
    pinned: { message: 'pinned.epochs', plural: true },
    doc: { meaning: 'number of epochs' },
  },
  {
    field: 'seed',
    key: 'seed',
    kind: { type: 'seed' },
    default: 0,
    label: 'controls.seed',
    glossary: 'glossary.seed',
    problem: 'error.seed',
    hide: 'seed',
    change: 'run',
    script: { call: 'torch.manual_seed' },
    pinned: { message: 'pinned.seed' },
    doc: {
      meaning: '`torch.manual_seed(seed)`',
      values:
        "whole number −9223372036854775808 … 18446744073709551615, PyTorch's range (negative seeds are taken mod 2^64; only the low 32 bits seed the generator), exact at any size",
    },
  },
  {
    field: 'dropLast',
    key: 'droplast',
    kind: { type: 'flag' },
    default: false,
    label: 'controls.dropLast',
    glossary: 'glossary.dropLast',
    problem: 'error.dropLast',
    hide: 'droplast',
    change: 'run',
    script: { call: 'DataLoader', arg: 'drop_last' },
    pinned: { changed: 'pinned.dropLast', plain: 'pinned.keepLast' },
    doc: { meaning: '`drop_last`' },
  },
  {
    field: 'speed',
    key: 'speed',
    kind: { type: 'number', min: 0, max: 1000 },
    default: 0,
    label: 'controls.speed',
    problem: 'error.speed',
    hide: 'speed',
    change: 'speed',
    script: null,
    pinned: null,
    doc: {
      meaning:
        'steps per second, `0` = as fast as possible. Without `speed=` a run of tutorial-sized data (N ≤ 100, at most 200 steps) trains at `5`, others at `0`, until a speed is picked (src/engine/classroom-speed.ts); a picked speed is written to the link, `speed=0` too',
      values: '`0`, `20`, `5`, `1` (any 0…1000)',
    },
  },
  {
    field: 'backend',
    key: 'backend',
    kind: { type: 'choice', choices: ['auto', 'webgpu', 'webgl', 'cpu'] },
    default: 'auto',
    label: 'controls.backend',
    glossary: 'glossary.backend',
    problem: 'error.backend',
    hide: 'backend',
    change: 'backend',
    script: null,
    pinned: null,
    doc: { meaning: 'tfjs backend to ask for', values: '`auto` (webgpu → webgl → cpu), `webgpu`, `webgl`, `cpu`' },
  },
  {
    field: 'dataset',
    key: 'dataset',
    kind: { type: 'choice', choices: ['tutorial', 'line', 'sine', 'custom'] },
    default: 'tutorial',
    label: 'data.dataset',
    problem: 'error.dataset',
    hide: 'dataset',
    change: 'run',
    script: { section: 'data' },
    pinned: { section: 'data' },
    doc: {
      meaning: 'the data',
      values:
        "`tutorial` (x = 1..10, y = 2x), `line` (y = 2x + 1 + noise, x in [0, 10)), `sine` (y = sin x + 0.1·noise, x in [−π, π)), `custom` (your CSV, stored in this browser: the link works only where the data is stored; without it the page falls back to the tutorial's data and says so)",
    },
  },
  {
    field: 'samples',
    key: 'n',
    kind: { type: 'int', min: 1, max: 1_000_000 },
    default: 100,
    label: 'data.samples',
    problem: 'error.samples',
    hide: null,
    change: 'run',
    script: { section: 'data' },
    pinned: { section: 'data' },
    doc: { meaning: "number of samples of `line` and `sine` (the tutorial's data always has 10)" },
  },
  {
    field: 'validationSplit',
    key: 'val',
    kind: { type: 'number', min: 0, max: 0.5, below: true },
    default: 0,
    label: 'data.validationSplit',
    glossary: 'glossary.validationSplit',
    problem: 'error.validationSplit',
    hide: 'val',
    change: 'run',
    script: { section: 'data' },
    pinned: { symbol: 'val' },
    doc: {
      meaning:
        'fraction held out: `random_split(dataset, [N - k, k])` with k = floor(val × N), right after the data (before `nn.Linear` draws); their MSE after each epoch',
      values: 'number 0 ≤ val < 0.5 (`0`: no split)',
    },
  },
  {
    field: 'model',
    key: 'model',
    kind: { type: 'choice', choices: ['linear', 'mlp'] },
    default: 'linear',
    label: 'data.model',
    problem: 'error.model',
    hide: 'model',
    change: 'run',
    script: { section: 'model' },
    pinned: { section: 'model' },
    doc: {
      meaning: 'the model',
      values: '`linear` (`nn.Linear(1, 1)`), `mlp` (`nn.Sequential(nn.Linear(1, h), act, nn.Linear(h, 1))`)',
    },
  },
  {
    field: 'hiddenUnits',
    key: 'hidden',
    kind: { type: 'int', min: 1, max: 256 },
    default: 16,
    label: 'data.hiddenUnits',
    problem: 'error.hiddenUnits',
    hide: null,
    change: 'run',
    script: { section: 'model' },
    pinned: { section: 'model' },
    doc: { meaning: "the MLP's hidden units h" },
  },
  {
    field: 'activation',
    key: 'act',
    kind: { type: 'choice', choices: ['relu', 'tanh', 'sigmoid'] },
    default: 'tanh',
    label: 'data.activation',
    problem: 'error.activation',
    hide: null,
    change: 'run',
    script: { section: 'model' },
    pinned: { section: 'model' },
    doc: { meaning: "the MLP's activation" },
  },
] as const satisfies readonly AnySetting[];

export type SettingRow = (typeof SETTINGS)[number];
/** Every catalogue key the table names: the UI layer checks at compile time that each one exists. */
export type SettingMessageKey =
  | SettingRow['label']
  | Extract<SettingRow, { glossary: string }>['glossary']
  | SettingRow['problem']
  | Exclude<Extract<SettingRow['pinned'], { message: string }>, { plural: true }>['message']
  | Extract<SettingRow['pinned'], { changed: string }>['changed' | 'plain']
  | NonNullable<Extract<SettingRow, { unusedWhen: object }>['unusedWhen']>['note']
  | SettingProblemKey;
/** The table's plural messages, named without their `.one` / `.other` suffix. */
export type SettingPluralKey = Extract<SettingRow['pinned'], { plural: true }>['message'];
/** The problems validation names beyond each row's own: the seed's and the custom dataset's. */
export type SettingProblemKey =
  SettingRow['problem'] | 'error.seedFraction' | 'error.customMissing' | 'error.customData';
export type HideableSetting = NonNullable<SettingRow['hide']>;

const BY_FIELD = new Map<SettingField, AnySetting>(SETTINGS.map((s) => [s.field, s]));

/** The row of `field`. */
export function settingOf<F extends SettingField>(field: F): SettingSpec<F> {
  return BY_FIELD.get(field) as unknown as SettingSpec<F>;
}

/** Whether `spec` does not apply under `config` (its `unusedWhen` flag is on). */
export function isUnused(spec: SettingSpec, config: RunConfig): boolean {
  return spec.unusedWhen !== undefined && config[spec.unusedWhen.field] === true;
}

/** The choices of a choice setting, typed as its field's values. */
export function choicesOf<F extends SettingField>(field: F): readonly RunConfig[F][] {
  const { kind } = settingOf(field);
  if (kind.type !== 'choice') throw new Error(`${field} is not a choice`);
  return kind.choices as readonly RunConfig[F][];
}

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

/**
 * `candidate` as a value of the setting, or why not. Never throws: a bad link or a typo must not
 * blank the page. (Rules across settings, like dataset=custom needing data, are validateConfig's.)
 */
export function readSetting<F extends SettingField>(
  spec: SettingSpec<F>,
  candidate: unknown,
): { value: RunConfig[F] } | { problem: Problem<SettingProblemKey> } {
  const refuse = (params?: Problem['params']) => ({ problem: problem(spec.problem as SettingProblemKey, params) });
  const ok = (value: unknown) => ({ value: value as RunConfig[F] });
  const { kind } = spec;
  switch (kind.type) {
    case 'int':
      return isInt(candidate) && candidate >= kind.min && candidate <= kind.max
        ? ok(candidate)
        : refuse({ min: kind.min, max: kind.max });
    case 'number': {
      const v = candidate;
      const inRange =
        typeof v === 'number' &&
        Number.isFinite(v) &&
        (kind.above ? v > kind.min : v >= kind.min) &&
        (kind.below ? v < kind.max : v <= kind.max);
      return inRange ? ok(v) : refuse();
    }
    case 'flag':
      return typeof candidate === 'boolean' ? ok(candidate) : refuse();
    case 'choice':
      return typeof candidate === 'string' && kind.choices.includes(candidate) ? ok(candidate) : refuse();
    case 'seed': {
      const seed = normalizeSeed(candidate);
      return seed !== null ? ok(seed) : { problem: seedProblem(candidate) };
    }
  }
}
