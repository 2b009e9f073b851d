#!/usr/bin/env python3
"""Record real PyTorch's per-sample gradients, for the gradient-noise figure's tests.

Writes src/engine/__fixtures__/pytorch-noise.json: for the tutorial's data (x = 1..10, y = 2x) and
a model initialised after torch.manual_seed(seed) exactly as the tutorial script does (nn.Linear(1,
1), or the MLP), the per-sample gradients of (f(x_i) - y_i)**2 by autograd, one sample at a time
(torch 1.13 has no torch.func), the full-data gradient G of nn.MSELoss() by autograd, and
tr(Sigma) = mean |g_i - G|**2 (population covariance). The float32 parameters are taken to float64
before differentiating, so the tests can ask for float64 agreement. Run by `npm run fixtures:pytorch`.
"""

from pathlib import Path

import torch
from torch import nn

from pytorch_reference import environment, number, write

OUT = Path(__file__).resolve().parent.parent / 'src' / 'engine' / '__fixtures__' / 'pytorch-noise.json'

ACTIVATIONS = {'relu': nn.ReLU, 'tanh': nn.Tanh, 'sigmoid': nn.Sigmoid}


def model_for(seed, hidden, activation):
    torch.manual_seed(seed)
    if hidden is None:
        return nn.Linear(1, 1)
    return nn.Sequential(nn.Linear(1, hidden), ACTIVATIONS[activation](), nn.Linear(hidden, 1))


def flat_grad(model):
    return torch.cat([p.grad.reshape(-1) for p in model.parameters()])


def case(seed, hidden=None, activation=None):
    model = model_for(seed, hidden, activation)
    params = [number(v) for v in torch.cat([p.detach().reshape(-1) for p in model.parameters()])]
    model = model.double()
    x = torch.arange(1, 11, dtype=torch.float64).reshape(-1, 1)
    y = 2 * x
    per_sample = []
    for i in range(10):
        model.zero_grad()
        ((model(x[i:i + 1]) - y[i:i + 1]) ** 2).sum().backward()
        per_sample.append(flat_grad(model).clone())
    model.zero_grad()
    nn.MSELoss()(model(x), y).backward()
    full = flat_grad(model).clone()
    rows = torch.stack(per_sample)
    trace = ((rows - full) ** 2).sum(dim=1).mean()
    return {
        'seed': seed,
        'model': 'linear' if hidden is None else 'mlp',
        **({} if hidden is None else {'hidden': hidden, 'activation': activation}),
        'params': params,
        'perSampleGradients': [[number(v) for v in row] for row in rows],
        'fullGradient': [number(v) for v in full],
        'trace': number(trace),
    }


def main():
    torch.set_num_threads(1)
    write(OUT, {
        'generatedBy': 'scripts/pytorch_noise_reference.py',
        **environment(),
        'cases': [case(0), case(42), case(0, 4, 'tanh'), case(1, 3, 'relu'), case(7, 5, 'sigmoid')],
    })


if __name__ == '__main__':
    main()
