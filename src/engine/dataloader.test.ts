import { describe, expect, it } from 'vitest';
import { pytorchVectors } from './__fixtures__/pytorch-vectors';
import { batchesPerEpoch, DataLoaderPlan, splitIntoBatches, type LoaderOptions } from './dataloader';
import { TorchGenerator } from './rng/torch-generator';

/** An epoch's batches as plain arrays, to compare with PyTorch's lists. */
const asLists = (epoch: readonly ArrayLike<number>[]): number[][] => epoch.map((batch) => Array.from(batch));

function epochsOf(options: LoaderOptions, seed: number, epochs: number) {
  const loader = new DataLoaderPlan(options, new TorchGenerator(seed));
  return Array.from({ length: epochs }, () => asLists(loader.nextEpoch()));
}

const tutorial = { datasetSize: 10, shuffle: true, dropLast: false };

describe('DataLoader batching', () => {
  it('has ceil(N/B) batches, or floor(N/B) with drop_last', () => {
    expect(batchesPerEpoch(10, 3, false)).toBe(4);
    expect(batchesPerEpoch(10, 3, true)).toBe(3);
    expect(batchesPerEpoch(10, 5, false)).toBe(2);
    expect(batchesPerEpoch(10, 5, true)).toBe(2);
    expect(batchesPerEpoch(10, 11, false)).toBe(1);
    expect(batchesPerEpoch(10, 11, true)).toBe(0);
  });

  it('keeps a short last batch when B does not divide N: 10 = 3 + 3 + 3 + 1', () => {
    const [epoch] = epochsOf({ ...tutorial, batchSize: 3 }, 0, 1);
    expect(epoch.map((b) => b.length)).toEqual([3, 3, 3, 1]);
    expect(epoch.flat().sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('drops the short last batch with drop_last: floor(10/3) = 3 batches of 3', () => {
    for (const epoch of epochsOf({ ...tutorial, batchSize: 3, dropLast: true }, 0, 5)) {
      expect(epoch.map((b) => b.length)).toEqual([3, 3, 3]);
      expect(new Set(epoch.flat()).size).toBe(9);
    }
  });

  it('gives one batch of all N samples when B > N', () => {
    const [epoch] = epochsOf({ ...tutorial, batchSize: 11 }, 0, 1);
    expect(epoch).toHaveLength(1);
    expect([...epoch[0]].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('walks 0..N-1 in order in every epoch with shuffle off', () => {
    for (const epoch of epochsOf({ ...tutorial, batchSize: 4, shuffle: false }, 7, 3)) {
      expect(epoch).toEqual([
        [0, 1, 2, 3],
        [4, 5, 6, 7],
        [8, 9],
      ]);
    }
    expect(epochsOf({ ...tutorial, batchSize: 4, shuffle: false, dropLast: true }, 7, 1)[0]).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6, 7],
    ]);
  });

  it('reshuffles every epoch and repeats the same run for the same seed', () => {
    const run = epochsOf({ ...tutorial, batchSize: 3 }, 0, 4);
    const orders = run.map((epoch) => epoch.flat().join(','));
    expect(new Set(orders).size).toBe(4);
    expect(epochsOf({ ...tutorial, batchSize: 3 }, 0, 4)).toEqual(run);
    expect(epochsOf({ ...tutorial, batchSize: 3 }, 1, 4)).not.toEqual(run);
  });

  it("gives the tutorial's seed-0 first epoch (PyTorch: model built after the DataLoader)", () => {
    // createRunPlan draws nn.Linear's two words before the first epoch; here nothing else draws.
    const g = new TorchGenerator(0);
    g.random();
    g.random();
    const epoch = new DataLoaderPlan({ ...tutorial, batchSize: 3 }, g).nextEpoch();
    expect(asLists(epoch)).toEqual([[3, 5, 0], [6, 1, 2], [4, 9, 7], [8]]);
  });

  it('splits an order into batches without reordering or copying it', () => {
    const order = Int32Array.of(5, 4, 3, 2, 1);
    expect(asLists(splitIntoBatches(order, 2, false))).toEqual([[5, 4], [3, 2], [1]]);
    expect(asLists(splitIntoBatches(order, 2, true))).toEqual([
      [5, 4],
      [3, 2],
    ]);
    // Views of the one order: an epoch of N samples is one allocation, whatever B is.
    expect(splitIntoBatches(order, 2, false).every((batch) => batch.buffer === order.buffer)).toBe(true);
  });

  it('prefetch draws the next epoch early: the same epochs, the generators in the same place', () => {
    const options = { datasetSize: 1000, batchSize: 64, shuffle: true, dropLast: false };
    for (const generatorSeed of [null, 9]) {
      const make = () => {
        const global = new TorchGenerator(4);
        const generator = generatorSeed === null ? undefined : new TorchGenerator(generatorSeed);
        return { global, generator, loader: new DataLoaderPlan({ ...options, generator }, global) };
      };
      const plain = make();
      const ahead = make();
      for (let e = 0; e < 5; e++) {
        ahead.loader.prefetch(e % 3);
        ahead.loader.prefetch(1); // keeps the epochs already drawn
        expect(asLists(ahead.loader.nextEpoch())).toEqual(asLists(plain.loader.nextEpoch()));
      }
      expect(ahead.global.randomInt64()).toBe(plain.global.randomInt64());
      if (generatorSeed !== null) expect(ahead.generator!.randomInt64()).toBe(plain.generator!.randomInt64());
    }
  });

  it('rejects an empty dataset or a batch size below 1', () => {
    const g = new TorchGenerator(0);
    expect(() => new DataLoaderPlan({ ...tutorial, datasetSize: 0, batchSize: 1 }, g)).toThrow(RangeError);
    expect(() => new DataLoaderPlan({ ...tutorial, batchSize: 0 }, g)).toThrow(RangeError);
  });
});

describe('DataLoader against PyTorch (3 epochs, then the generators’ next int64)', () => {
  it.each(pytorchVectors.dataloader)(
    'seed $seed, N $n, batch $batchSize, shuffle $shuffle, replacement $replacement, drop_last $dropLast, generator $generatorSeed',
    (c) => {
      const global = new TorchGenerator(c.seed);
      const generator = c.generatorSeed === null ? undefined : new TorchGenerator(c.generatorSeed);
      const loader = new DataLoaderPlan(
        {
          datasetSize: c.n,
          batchSize: c.batchSize,
          shuffle: c.shuffle,
          replacement: c.replacement,
          dropLast: c.dropLast,
          generator,
        },
        global,
      );
      const epochs = c.epochs.map(() => asLists(loader.nextEpoch()));
      expect(epochs).toEqual(c.epochs);
      // The draws nobody sees in the batches — base seeds, sampler seeds, the discarded
      // permutation — show in where each generator stands afterwards.
      expect(global.randomInt64().toString()).toBe(c.globalNextInt64);
      if (generator) expect(generator.randomInt64().toString()).toBe(c.generatorNextInt64);
    },
  );
});
