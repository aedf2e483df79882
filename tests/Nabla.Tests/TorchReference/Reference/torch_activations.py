#!/usr/bin/python3
"""Reference values for Nabla's elu, gelu, softplus and silu, erf/erfc, and the mae and huber losses, from PyTorch.

For each z of a grid: f(z) and f'(z) (by autograd), in double; for each loss, its value and dL/dŷ on a
fixed 3 × 2 batch. Nabla's tests compare.
Rerun (offline, with Debian's python3-torch):  /usr/bin/python3 torch_activations.py > torch_activations.json
"""
import json
import math

import torch

torch.set_default_dtype(torch.float64)

Z = [-40.0, -30.0, -12.0, -8.0, -5.5, -3.5, -3.0, -2.9, -1.7, -1.0, -0.5, -1e-3, -1e-8, 0.0, 1e-8, 1e-3, 0.5, 1.0, 1.7, 2.9, 3.0, 3.5, 5.5, 8.0, 12.0, 19.0, 30.0]

FUNCTIONS = {
    "elu": lambda z: torch.nn.functional.elu(z, alpha=1.0),
    "elu(0.5)": lambda z: torch.nn.functional.elu(z, alpha=0.5),
    # gelu's exact erf form, z·Φ(z), written with erfc: torch's own gelu computes 1 + erf(z/√2), which is 0 below z ≈ −8.3
    "gelu": lambda z: z * 0.5 * torch.special.erfc(-z / math.sqrt(2)),
    "softplus": lambda z: torch.nn.functional.softplus(z, threshold=50),  # ln(1 + e^z); the threshold moved past the grid
    "silu": lambda z: torch.nn.functional.silu(z),
}


def values(f):
    z = torch.tensor(Z, requires_grad=True)
    a = f(z)
    (g,) = torch.autograd.grad(a.sum(), z)
    return {"f": a.detach().tolist(), "df": g.tolist()}


YHAT = [[0.5, -1.2], [2.0, 0.3], [-0.25, 4.0]]
Y = [[0.0, -1.0], [0.5, 0.3], [1.0, 0.0]]  # (one error exactly 0: its subgradient is 0)

LOSSES = {
    "mae": lambda p, y: torch.nn.functional.l1_loss(p, y),
    "mae_sum": lambda p, y: torch.nn.functional.l1_loss(p, y, reduction="sum"),
    "huber": lambda p, y: torch.nn.functional.huber_loss(p, y),
    "huber_0.5": lambda p, y: torch.nn.functional.huber_loss(p, y, delta=0.5),
    "huber_2_sum": lambda p, y: torch.nn.functional.huber_loss(p, y, delta=2.0, reduction="sum"),
}


def loss(f):
    p = torch.tensor(YHAT, requires_grad=True)
    value = f(p, torch.tensor(Y))
    (g,) = torch.autograd.grad(value, p)
    return {"value": value.item(), "gradient": g.tolist()}


if __name__ == "__main__":
    z = torch.tensor(Z)
    out = {
        "torch": torch.__version__,
        "z": Z,
        "erf": torch.special.erf(z).tolist(),
        "erfc": torch.special.erfc(z).tolist(),
        "activations": {name: values(f) for name, f in FUNCTIONS.items()},
        "yhat": YHAT,
        "y": Y,
        "losses": {name: loss(f) for name, f in LOSSES.items()},
    }
    print(json.dumps(out))
