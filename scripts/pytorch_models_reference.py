#!/usr/bin/env python3
"""Record what real PyTorch does with the generated datasets and the MLP, for the engine's tests.

Writes src/engine/__fixtures__/pytorch-models.json: the noisy line and the sine generated from a
seed (src/engine/datasets.ts), nn.Sequential(nn.Linear(1, h), act, nn.Linear(h, 1)) initialised
after torch.manual_seed, and short training runs of the MLP (and of nn.Linear on the generated
sets), each step's loss and every parameter after it. A sibling of pytorch_reference.py, run by
`npm run fixtures:pytorch` with it; same conventions (floats as repr, non-finite as strings).
"""

import hashlib
import math
from pathlib import Path

import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from pytorch_reference import environment, number, split, train, write

OUT = Path(__file__).resolve().parent.parent / 'src' / 'engine' / '__fixtures__' / 'pytorch-models.json'

# sin x by its Taylor series up to x**15, highest power first: (-1)**k / (2k + 1)!, k = 7 .. 0.
SINE_TAYLOR = [(-1) ** k / math.factorial(2 * k + 1) for k in range(7, -1, -1)]


def sine(x):
    """The exported script's sine: float32 multiplies and adds only (Horner in x**2)."""
    x2 = x * x
    p = torch.full_like(x, SINE_TAYLOR[0])
    for c in SINE_TAYLOR[1:]:
        p = p * x2 + c
    return p * x


def make_dataset(name, seed, n):
    """The recipe of src/engine/datasets.ts and of the exported script, statement for statement."""
    data_generator = torch.Generator().manual_seed(seed + 1)
    u = torch.rand(n, 1, generator=data_generator)
    v = torch.rand(n, 4, generator=data_generator)
    noise = (v[:, 0:1] + v[:, 1:2] + v[:, 2:3] + v[:, 3:4] - 2) * math.sqrt(3)
    if name == 'line':
        x = 10 * u
        y = 2 * x + 1 + noise
    elif name == 'sine':
        x = 2 * math.pi * u - math.pi
        y = sine(x) + 0.1 * noise
    else:
        raise ValueError(name)
    return x, y


def digest(t):
    """SHA-256 of a float32 tensor's bytes, little-endian (the tests use crypto.subtle)."""
    return hashlib.sha256(t.detach().contiguous().numpy().astype('<f4').tobytes()).hexdigest()


def dataset_vectors():
    cases = []
    for name in ['line', 'sine']:
        for seed in [0, 1, 42, 2**32 - 1, 2**53 - 1]:
            for n in [1, 7, 16]:
                x, y = make_dataset(name, seed, n)
                cases.append({'name': name, 'seed': seed, 'n': n,
                              'x': x.flatten().tolist(), 'y': y.flatten().tolist()})
        for seed in [0, 123456789]:
            n = 100_000
            x, y = make_dataset(name, seed, n)
            cases.append({'name': name, 'seed': seed, 'n': n,
                          'x': x.flatten()[:8].tolist(), 'y': y.flatten()[:8].tolist(),
                          'xSha256': digest(x), 'ySha256': digest(y)})
    # The sine against torch.sin: how far the polynomial is from the library's sine.
    x = torch.linspace(-math.pi, math.pi, 100_001)
    cases.append({'name': 'sine-error', 'maxAbsError': (sine(x) - torch.sin(x)).abs().max().item()})
    return cases


def exp_vectors():
    """torch.exp of float32 vectors whose length is a multiple of 16, so that every element goes
    through the vectorised kernel (SLEEF's expf on AVX2), as sigmoid's exp(-x) mostly does."""
    torch.manual_seed(5)
    x = torch.cat([(torch.rand(480) - 0.5) * 40, (torch.rand(32) - 0.5) * 2,
                   torch.tensor([0.0, -0.0, 1.0, -1.0, 88.0, 89.0, -103.0, -104.5, 100.5, -87.3,
                                 0.5, 2.0, -2.0, 10.0, -10.0, 1e-8])])
    return {'x': x.tolist(), 'exp': [number(v) for v in torch.exp(x).tolist()]}


def make_model(hidden, activation):
    act = {'relu': nn.ReLU, 'tanh': nn.Tanh, 'sigmoid': nn.Sigmoid}[activation]()
    return nn.Sequential(nn.Linear(1, hidden), act, nn.Linear(hidden, 1))


def flat_parameters(model):
    return [v for p in model.parameters() for v in p.detach().flatten().tolist()]


def mlp_init_vectors():
    cases = []
    for seed in [0, 1, 42, 123456789]:
        for hidden in [1, 3, 16, 256]:
            torch.manual_seed(seed)
            params = flat_parameters(make_model(hidden, 'relu'))
            after = int(torch.empty((), dtype=torch.int64).random_().item())
            case = {'seed': seed, 'hidden': hidden, 'globalNextInt64': str(after)}
            if hidden <= 16:
                case['parameters'] = params
            else:
                case['first'] = params[:8]
                case['sha256'] = digest(torch.tensor(params, dtype=torch.float32))
            cases.append(case)
    return cases


def trace(dataset, n, seed, model_name, hidden, activation, batch_size, shuffle, drop_last, lr, epochs, val=0.0):
    """The exported script's program (src/export/pytorch-script.ts), recording every step."""
    torch.manual_seed(seed)
    if dataset == 'tutorial':
        x = torch.arange(1, 11, dtype=torch.float32).reshape(-1, 1)
        y = 2 * x
    else:
        x, y = make_dataset(dataset, seed, n)
    data = TensorDataset(x, y, torch.arange(len(x)))
    train_set, val_set = split(data, val)
    loader = DataLoader(train_set, batch_size=batch_size, shuffle=shuffle, drop_last=drop_last)
    model = nn.Linear(1, 1) if model_name == 'linear' else make_model(hidden, activation)
    initial = flat_parameters(model)
    validation = []
    # [epoch, step, batch, loss, f'{loss:.4f}', every parameter after the step]
    steps = train(loader, model, lr, epochs, lambda m: [[number(v) for v in flat_parameters(m)]],
                  val_set, validation)
    record = {
        'dataset': dataset, 'samples': n, 'seed': seed, 'model': model_name, 'hiddenUnits': hidden,
        'activation': activation, 'batchSize': batch_size, 'shuffle': shuffle, 'dropLast': drop_last,
        'learningRate': lr, 'epochs': epochs, 'initial': initial, 'steps': steps,
    }
    if val_set is not None:
        record.update({'validationSplit': val, 'heldOut': val_set.indices, 'validation': validation})
    return record


def trace_vectors():
    configs = [
        # dataset, n, seed, model, hidden, activation, batch, shuffle, drop_last, lr, epochs
        ('sine', 30, 0, 'mlp', 8, 'relu', 3, True, False, 0.05, 3),
        ('sine', 30, 1, 'mlp', 16, 'tanh', 4, True, False, 0.05, 3),
        ('sine', 30, 42, 'mlp', 5, 'sigmoid', 5, True, True, 0.1, 3),
        ('sine', 40, 7, 'mlp', 40, 'relu', 20, True, False, 0.05, 3),  # wide: the 32-column sums
        ('sine', 24, 3, 'mlp', 12, 'tanh', 9, False, False, 0.05, 3),
        ('sine', 64, 11, 'mlp', 32, 'tanh', 16, True, False, 0.1, 2),  # 2,048 tanh per epoch
        ('sine', 60, 12, 'mlp', 24, 'sigmoid', 10, True, False, 0.2, 2),
        ('sine', 30, 13, 'mlp', 256, 'relu', 15, True, False, 0.01, 1),
        ('tutorial', 10, 0, 'mlp', 16, 'relu', 3, True, False, 0.001, 3),
        ('line', 40, 0, 'mlp', 4, 'tanh', 8, True, False, 0.001, 3),
        ('line', 25, 0, 'linear', 1, 'tanh', 3, True, False, 0.01, 3),
        ('line', 50, 5, 'linear', 1, 'tanh', 17, True, False, 0.01, 3),
        ('sine', 20, 9, 'linear', 1, 'tanh', 4, False, True, 0.05, 3),
        # Validation splits: the Generalization preset's first epochs (src/state/presets.ts), a tanh
        # MLP, and the linear model on the noisy line.
        ('sine', 16, 1, 'mlp', 128, 'relu', 4, True, False, 0.02, 6, 0.25),
        ('sine', 30, 0, 'mlp', 8, 'tanh', 5, True, False, 0.05, 3, 0.2),
        ('line', 40, 3, 'linear', 1, 'tanh', 8, True, True, 0.01, 3, 0.45),
    ]
    return [trace(*c) for c in configs]


def main():
    torch.set_num_threads(1)
    fixtures = {
        'generatedBy': 'scripts/pytorch_models_reference.py',
        **environment(),
        'datasets': dataset_vectors(),
        'exp': exp_vectors(),
        'mlpInit': mlp_init_vectors(),
        'traces': trace_vectors(),
    }
    write(OUT, fixtures)


if __name__ == '__main__':
    main()
