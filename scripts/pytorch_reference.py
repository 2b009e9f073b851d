#!/usr/bin/env python3
"""Record what real PyTorch does, for the engine's tests to compare against.

Writes src/engine/__fixtures__/pytorch-vectors.json: randperm, int64 random_, float32 uniform_,
nn.Linear initialisation, DataLoader batch sequences (and the generator state they leave behind),
and whole tutorial training runs, each for several seeds and settings.

Run it with an interpreter that has torch (Debian: apt-get install python3-torch):
    npm run fixtures:pytorch        # = /usr/bin/python3 scripts/pytorch_reference.py
Floats are stored as repr() of the Python float, which reads back as the same double in
JavaScript; float32 values are exact in a double, so the tests can compare bits. Non-finite
values (a diverging run) are stored as the strings "nan", "inf", "-inf".
"""

import hashlib
import json
import math
import platform
import sys
from pathlib import Path

import torch
from torch import nn, optim
from torch.utils.data import DataLoader, RandomSampler, TensorDataset, random_split

OUT = Path(__file__).resolve().parent.parent / 'src' / 'engine' / '__fixtures__' / 'pytorch-vectors.json'

# Seeds beyond 2**32 check that only the low 32 bits reach the MT19937; 2**53 - 1 is the app's limit.
SEEDS = [0, 1, 42, 123456789, 2**32 + 7, 2**53 - 1]
TRACE_SEEDS = [0, 1, 42, 123456789]
# randperm(n) is stored whole up to this n (and for n = 1000 with seed 0); beyond, as a SHA-256
# and its first elements, to keep the file small.
FULL_PERMUTATION_MAX = 10


def number(x):
    """A float for JSON, exactly; non-finite values as strings."""
    x = float(x)
    if math.isnan(x):
        return 'nan'
    if math.isinf(x):
        return 'inf' if x > 0 else '-inf'
    return x


def permutation_digest(values):
    """SHA-256 of the permutation as little-endian int32s (the tests use crypto.subtle)."""
    return hashlib.sha256(torch.tensor(values, dtype=torch.int32).numpy().tobytes()).hexdigest()


def int64_draw(generator=None):
    """What RandomSampler and the DataLoader iterator draw: one int64 random_()."""
    return int(torch.empty((), dtype=torch.int64).random_(generator=generator).item())


def randperm_vectors():
    cases = []
    for seed in SEEDS:
        for n in [0, 1, 2, 3, 10, 1000, 100_000]:
            for after_int64 in [False, True]:
                if after_int64 and n not in (10, 1000):
                    continue
                torch.manual_seed(seed)
                if after_int64:
                    int64_draw()
                perm = torch.randperm(n).tolist()
                case = {'seed': seed, 'n': n, 'afterInt64Draw': after_int64}
                if n <= FULL_PERMUTATION_MAX or (n == 1000 and seed == 0):
                    case['permutation'] = perm
                else:
                    case['first'] = perm[:16]
                    case['sha256'] = permutation_digest(perm)
                # The generator state afterwards, seen through the next int64 draw.
                case['nextInt64'] = str(int64_draw())
                cases.append(case)
    # A private generator, as RandomSampler makes one.
    for seed in [0, 7]:
        g = torch.Generator().manual_seed(seed)
        first = torch.randperm(10, generator=g).tolist()
        second = torch.randperm(10, generator=g).tolist()
        cases.append({'seed': seed, 'n': 10, 'generator': True, 'permutations': [first, second]})
    return cases


def int64_vectors():
    cases = []
    for seed in SEEDS:
        torch.manual_seed(seed)
        cases.append({'seed': seed, 'values': [str(int64_draw()) for _ in range(5)]})
    return cases


def uniform_vectors():
    cases = []
    bound3 = 1 / math.sqrt(3)
    for seed in SEEDS[:4]:
        for low, high in [(0.0, 1.0), (-1.0, 1.0), (-0.5, 0.5), (-bound3, bound3), (2.0, 7.5)]:
            torch.manual_seed(seed)
            values = torch.empty(12, dtype=torch.float32).uniform_(low, high).tolist()
            cases.append({'seed': seed, 'from': low, 'to': high, 'values': values})
    return cases


def linear_vectors():
    cases = []
    for seed in SEEDS:
        for in_features, out_features in [(1, 1), (1, 32), (32, 1), (3, 2)]:
            torch.manual_seed(seed)
            layer = nn.Linear(in_features, out_features)
            cases.append({
                'seed': seed,
                'inFeatures': in_features,
                'outFeatures': out_features,
                'weight': layer.weight.detach().flatten().tolist(),
                'bias': layer.bias.detach().tolist(),
            })
    return cases


def make_loader(dataset, batch_size, shuffle, drop_last, replacement, generator=None):
    """The DataLoader the app's settings describe: with replacement, a RandomSampler draws the
    order (PyTorch refuses shuffle=True beside a sampler), sharing the loader's generator."""
    if replacement:
        sampler = RandomSampler(dataset, replacement=True, generator=generator)
        return DataLoader(dataset, batch_size=batch_size, sampler=sampler, drop_last=drop_last,
                          generator=generator)
    return DataLoader(dataset, batch_size=batch_size, shuffle=shuffle, drop_last=drop_last,
                      generator=generator)


def loader_case(seed, n, batch_size, shuffle, drop_last, generator_seed, epochs=3, replacement=False):
    torch.manual_seed(seed)
    dataset = TensorDataset(torch.arange(n))
    generator = None if generator_seed is None else torch.Generator().manual_seed(generator_seed)
    loader = make_loader(dataset, batch_size, shuffle, drop_last, replacement, generator)
    batches = [[batch.tolist() for (batch,) in loader] for _ in range(epochs)]
    case = {
        'seed': seed, 'n': n, 'batchSize': batch_size, 'shuffle': shuffle, 'dropLast': drop_last,
        'generatorSeed': generator_seed, 'epochs': batches,
        'globalNextInt64': str(int64_draw()),
    }
    if replacement:
        case['replacement'] = True
    if generator is not None:
        case['generatorNextInt64'] = str(int64_draw(generator))
    return case


def loader_vectors():
    cases = []
    for seed in [0, 42]:
        for batch_size in [1, 3, 4, 10, 11]:
            for shuffle in [True, False]:
                for drop_last in [False, True]:
                    for generator_seed in [None, 5]:
                        cases.append(loader_case(seed, 10, batch_size, shuffle, drop_last, generator_seed))
    for seed in [1, 123456789]:
        for drop_last in [False, True]:
            for generator_seed in [None, seed]:
                cases.append(loader_case(seed, 10, 3, True, drop_last, generator_seed))
    for n, batch_size in [(1, 1), (1, 4), (7, 2), (25, 8)]:
        cases.append(loader_case(0, n, batch_size, True, False, None))
    # RandomSampler(replacement=True): N randint draws per epoch, in blocks of 32 (N = 32, 33, 70
    # cross a block), from a private generator or from the one passed in.
    for seed in [0, 42]:
        for n, batch_size in [(10, 3), (10, 1), (32, 5), (33, 8), (70, 16)]:
            for drop_last in [False, True]:
                for generator_seed in [None, 5]:
                    cases.append(loader_case(seed, n, batch_size, True, drop_last, generator_seed,
                                             replacement=True))
    return cases


def split(dataset, val):
    """The validation split as the exported script makes it: k = int(val * N) held out by
    random_split on the global generator (before the model draws); none when k = 0."""
    k = int(val * len(dataset))
    if k == 0:
        return dataset, None
    return tuple(random_split(dataset, [len(dataset) - k, k]))


def train(loader, model, lr, epochs, parameters, val_set=None, validation=None):
    """The exported script's training loop, one record per step:
    [epoch, step, batch, loss, f'{loss:.4f}', *parameters(model) after the step]; with a val_set,
    one record per epoch appended to `validation`: [epoch, held-out MSE, f'{loss:.4f}']."""
    loss_fn = nn.MSELoss()
    optimizer = optim.SGD(model.parameters(), lr=lr)
    steps = []
    for epoch in range(epochs):
        for step, (inputs, targets, batch_index) in enumerate(loader):
            loss = loss_fn(model(inputs), targets)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            steps.append([epoch + 1, step + 1, batch_index.tolist(), number(loss.item()),
                          f'{loss.item():.4f}', *parameters(model)])
        if val_set is not None:
            with torch.no_grad():
                inputs, targets, _ = val_set.dataset[val_set.indices]
                loss = loss_fn(model(inputs), targets)
            validation.append([epoch + 1, number(loss.item()), f'{loss.item():.4f}'])
    return steps


def tutorial_trace(seed, batch_size, shuffle, drop_last, lr, epochs, replacement=False, val=0.0):
    """The exported script's program (src/export/pytorch-script.ts), recording every step."""
    torch.manual_seed(seed)
    x = torch.arange(1, 11, dtype=torch.float32).reshape(-1, 1)
    y = 2 * x
    dataset = TensorDataset(x, y, torch.arange(len(x)))
    train_set, val_set = split(dataset, val)
    loader = make_loader(train_set, batch_size, shuffle, drop_last, replacement)
    model = nn.Linear(1, 1)
    initial = {'w': model.weight.item(), 'b': model.bias.item()}
    validation = []
    # [epoch, step, batch, loss, f'{loss:.4f}', w after the step, b after the step]
    steps = train(loader, model, lr, epochs,
                  lambda m: [number(m.weight.item()), number(m.bias.item())], val_set, validation)
    trace = {
        'seed': seed, 'batchSize': batch_size, 'shuffle': shuffle, 'dropLast': drop_last,
        'learningRate': lr, 'epochs': epochs, 'stepsPerEpoch': len(loader),
        'initial': initial, 'steps': steps,
    }
    if replacement:
        trace['replacement'] = True
    if val_set is not None:
        trace.update({'validationSplit': val, 'heldOut': val_set.indices, 'validation': validation})
    return trace


def trace_vectors():
    configs = [
        # batch, shuffle, drop_last, lr, epochs
        (3, True, False, 0.01, 10),  # the tutorial
        (1, True, False, 0.01, 10),
        (4, False, False, 0.01, 10),
        (3, True, True, 0.01, 10),
        (3, True, False, 0.05, 10),  # diverges: large losses, then inf and nan
        (10, True, False, 0.01, 10),  # the whole dataset: the 8-lane sum path
    ]
    traces = [tutorial_trace(seed, *config) for seed in TRACE_SEEDS for config in configs]
    # Batches of 5 to 9 are where PyTorch's sums stop being left to right (4 interleaved partial
    # sums, then 8 SIMD lanes).
    traces.append(tutorial_trace(0, 5, True, False, 0.01, 10))
    traces.append(tutorial_trace(42, 6, True, False, 0.01, 10))
    traces.append(tutorial_trace(0, 7, True, False, 0.02, 10))
    traces.append(tutorial_trace(1, 9, True, False, 0.01, 10))
    traces.append(tutorial_trace(0, 11, True, True, 0.01, 2))  # batch > N with drop_last: no steps
    # Sampling with replacement: repeated samples in a batch, others left out of an epoch.
    traces.append(tutorial_trace(0, 3, True, False, 0.01, 10, replacement=True))
    traces.append(tutorial_trace(42, 1, True, False, 0.01, 5, replacement=True))
    traces.append(tutorial_trace(1, 4, False, True, 0.02, 10, replacement=True))
    # A validation split: random_split's randperm(10) before nn.Linear, the loader over the rest.
    traces.append(tutorial_trace(0, 3, True, False, 0.01, 10, val=0.2))
    traces.append(tutorial_trace(42, 3, True, False, 0.01, 10, val=0.2))
    traces.append(tutorial_trace(123456789, 2, True, False, 0.02, 10, val=0.3))
    traces.append(tutorial_trace(1, 3, False, False, 0.01, 10, val=0.2))  # shuffle off
    traces.append(tutorial_trace(0, 3, True, True, 0.01, 10, val=0.2))  # 8 samples: drop 2
    traces.append(tutorial_trace(7, 4, True, False, 0.01, 5, replacement=True, val=0.4))
    # Diverging runs, logged as PyTorch logs them: losses that overflow to inf, then nan.
    traces.append(tutorial_trace(3, 3, True, False, 0.1, 30))
    traces.append(tutorial_trace(0, 3, True, False, 1.0, 10))
    traces.append(tutorial_trace(42, 1, True, False, 0.05, 10))
    traces.append(tutorial_trace(0, 10, True, False, 0.5, 20))  # the whole dataset per step
    return traces


def sum_vectors():
    """tensor.sum() of float32 vectors: (torch.rand(n) - 0.5) * 1000 after manual_seed(n)."""
    cases = []
    sizes = list(range(1, 21)) + [31, 32, 33, 63, 64, 65, 127, 128, 129, 255, 256, 257, 511, 512,
                                  513, 1000, 4099, 20000]
    for n in sizes:
        torch.manual_seed(n)
        values = (torch.rand(n) - 0.5) * 1000
        cases.append({'n': n, 'sum': values.sum().item(), 'sumDim0': values.reshape(-1, 1).sum(0).item()})
    return cases


def format_vectors():
    """f'{x:.4f}', the log's loss format: half-even ties (odd multiples of 1/32), -0.0, huge values."""
    values = [0.0, -0.0, 0.03125, 0.09375, 1.03125, 2.96875, -0.03125, -1.96875, 0.5, 5e-05, 1e-05,
              41.2093, 41.20925, 63.58720779418945, 1e20, 1e21, 1.5e22, 3.4028234663852886e38,
              1.7976931348623157e308, 5e-324]
    return [[x, f'{x:.4f}'] for x in values] + [['nan', f'{math.nan:.4f}'], ['inf', f'{math.inf:.4f}'],
                                                  ['-inf', f'{-math.inf:.4f}']]


def dump(value):
    """JSON with one line per array element at the second level: small and diff-friendly."""
    def compact(v):
        return json.dumps(v, separators=(',', ':'), allow_nan=False)
    lines = ['{']
    keys = list(value)
    for k_index, key in enumerate(keys):
        item = value[key]
        comma = ',' if k_index < len(keys) - 1 else ''
        if isinstance(item, list):
            lines.append(f'  {json.dumps(key)}: [')
            for i, element in enumerate(item):
                lines.append(f'    {compact(element)}' + (',' if i < len(item) - 1 else ''))
            lines.append(f'  ]{comma}')
        else:
            lines.append(f'  {json.dumps(key)}: {compact(item)}{comma}')
    lines.append('}')
    return '\n'.join(lines) + '\n'


def environment():
    """Which PyTorch, on which machine: the facts that decide the last bits."""
    capability = None
    if hasattr(torch.backends, 'cpu') and hasattr(torch.backends.cpu, 'get_cpu_capability'):
        capability = torch.backends.cpu.get_cpu_capability()
    else:
        for line in torch.__config__.show().splitlines():
            if 'CPU capability usage' in line:
                capability = line.split(':', 1)[1].strip()
    blas = next((part.split('=', 1)[1] for part in torch.__config__.show().replace(',', ' ').split()
                 if part.startswith('BLAS_INFO=')), None)
    return {
        'torchVersion': torch.__version__,
        'pythonVersion': platform.python_version(),
        'machine': platform.machine(),
        'cpuCapability': capability,
        'blas': blas,
    }


def write(out, fixtures):
    """Writes the fixture file and says so (the output is deterministic for a given PyTorch)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(dump(fixtures))
    print(f'wrote {out} ({out.stat().st_size} bytes) with torch {torch.__version__}', file=sys.stderr)


def main():
    torch.set_num_threads(1)
    fixtures = {
        'generatedBy': 'scripts/pytorch_reference.py',
        **environment(),
        'int64': int64_vectors(),
        'randperm': randperm_vectors(),
        'uniformFloat32': uniform_vectors(),
        'linear': linear_vectors(),
        'dataloader': loader_vectors(),
        'traces': trace_vectors(),
        'sum': sum_vectors(),
        'format4': format_vectors(),
    }
    write(OUT, fixtures)


if __name__ == '__main__':
    main()
