#!/usr/bin/python3
"""Reference values for Nabla's optimizers, weight decay, clipping and schedules, from PyTorch.

Runs 20 steps (10 epochs of 2 mini-batches) of a 3-4-2 tanh/sigmoid network with mean squared error,
from fixed weights, under each configuration below, and writes the weights after every step and the
learning rate of every epoch to torch_steps.json. Nabla's tests run the same steps and compare.

Rerun (offline, with Debian's python3-torch):  /usr/bin/python3 torch_steps.py > torch_steps.json
"""
import json
import math

import torch

torch.set_default_dtype(torch.float64)

W1 = [[0.2, -0.3, 0.4, 0.1], [-0.5, 0.25, 0.15, -0.2], [0.3, 0.35, -0.45, 0.05]]  # 3 × 4 (inputs × units)
B1 = [0.1, -0.1, 0.05, 0.0]
W2 = [[0.3, -0.2], [-0.4, 0.5], [0.25, 0.1], [-0.15, -0.35]]  # 4 × 2
B2 = [0.05, -0.05]
X = [[0.5, -1.0, 2.0], [1.5, 0.5, -0.5], [-1.0, 2.0, 0.0], [0.0, -0.5, 1.0]]
Y = [[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [0.0, 0.0]]

# Each: the "train" section Nabla reads (same names), run with batch 2, no shuffle, 10 epochs.
CONFIGS = {
    "sgd_decay": {"optimizer": "sgd", "learning_rate": 0.5, "weight_decay": 0.1},
    "sgd_decay_no_bias": {"optimizer": "sgd", "learning_rate": 0.5, "weight_decay": 0.1, "decay_bias": False},
    "momentum_decay": {"optimizer": "momentum", "learning_rate": 0.2, "momentum": 0.9, "weight_decay": 0.05},
    "nesterov": {"optimizer": "nesterov", "learning_rate": 0.2, "momentum": 0.8},
    "adam_decay": {"optimizer": "adam", "learning_rate": 0.05, "weight_decay": 0.1},
    "adamw": {"optimizer": "adamw", "learning_rate": 0.05, "weight_decay": 0.2},
    "adamw_default": {"optimizer": "adamw", "learning_rate": 0.05},
    "rmsprop": {"optimizer": "rmsprop", "learning_rate": 0.01},
    "rmsprop_momentum_decay": {"optimizer": "rmsprop", "learning_rate": 0.01, "alpha": 0.9, "momentum": 0.5, "weight_decay": 0.1, "epsilon": 1e-6},
    "adagrad": {"optimizer": "adagrad", "learning_rate": 0.1},
    "adagrad_decay": {"optimizer": "adagrad", "learning_rate": 0.1, "weight_decay": 0.05, "decay_bias": False},
    "sgd_clip": {"optimizer": "sgd", "learning_rate": 0.5, "clip_norm": 0.05},
    "adam_clip_cosine": {"optimizer": "adam", "learning_rate": 0.05, "clip_norm": 0.1, "lr_schedule": {"name": "cosine", "t_max": 6, "eta_min": 0.01}},
    "sgd_step": {"optimizer": "sgd", "learning_rate": 0.5, "lr_schedule": {"name": "step", "step_size": 3, "gamma": 0.5}},
    "sgd_exponential": {"optimizer": "sgd", "learning_rate": 0.5, "lr_schedule": {"name": "exponential", "gamma": 0.8}},
    "momentum_cosine": {"optimizer": "momentum", "learning_rate": 0.2, "lr_schedule": {"name": "cosine", "t_max": 10}},
    "sgd_warmup_step": {"optimizer": "sgd", "learning_rate": 0.5, "lr_schedule": {"name": "warmup", "epochs": 3, "then": {"name": "step", "step_size": 2, "gamma": 0.5}}},
}

EPOCHS, BATCH = 10, 2


def optimizer(c, params):
    lr, wd = c["learning_rate"], c.get("weight_decay", 0.0)
    decay_bias = c.get("decay_bias", True)
    if not decay_bias:  # weights decayed, biases not: two parameter groups
        groups = [{"params": [params[0], params[2]], "weight_decay": wd}, {"params": [params[1], params[3]], "weight_decay": 0.0}]
    else:
        groups = [{"params": params, "weight_decay": wd}]
    name = c["optimizer"]
    if name == "sgd":
        return torch.optim.SGD(groups, lr=lr)
    if name in ("momentum", "nesterov"):
        return torch.optim.SGD(groups, lr=lr, momentum=c.get("momentum", 0.9), nesterov=name == "nesterov")
    if name == "adam":
        return torch.optim.Adam(groups, lr=lr, eps=c.get("epsilon", 1e-8))
    if name == "adamw":
        if "weight_decay" not in c:
            for g in groups:
                g["weight_decay"] = 0.01  # (AdamW's default)
        return torch.optim.AdamW(groups, lr=lr, eps=c.get("epsilon", 1e-8))
    if name == "rmsprop":
        return torch.optim.RMSprop(groups, lr=lr, alpha=c.get("alpha", 0.99), eps=c.get("epsilon", 1e-8), momentum=c.get("momentum", 0.0))
    if name == "adagrad":
        return torch.optim.Adagrad(groups, lr=lr, eps=c.get("epsilon", 1e-10))
    raise ValueError(name)


def rate(schedule, base, epoch):
    """The rate of epoch `epoch` (from 0), as the schedulers below give it (checked against them in run())."""
    if schedule is None:
        return base
    n = schedule["name"]
    if n == "step":
        return base * schedule["gamma"] ** (epoch // schedule["step_size"])
    if n == "exponential":
        return base * schedule["gamma"] ** epoch
    if n == "cosine":
        m = schedule.get("eta_min", 0.0)
        return m + (base - m) * (1 + math.cos(math.pi * epoch / schedule["t_max"])) / 2
    if n == "warmup":
        w = schedule["epochs"]
        return base * (epoch + 1) / w if epoch < w else rate(schedule.get("then"), base, epoch - w)
    raise ValueError(n)


def scheduler(schedule, opt):
    """PyTorch's own scheduler where one exists (warm-up is defined by Nabla: rate() is its definition)."""
    if schedule is None or schedule["name"] == "warmup":
        return None
    n = schedule["name"]
    if n == "step":
        return torch.optim.lr_scheduler.StepLR(opt, step_size=schedule["step_size"], gamma=schedule["gamma"])
    if n == "exponential":
        return torch.optim.lr_scheduler.ExponentialLR(opt, gamma=schedule["gamma"])
    return torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=schedule["t_max"], eta_min=schedule.get("eta_min", 0.0))


def run(c):
    params = [torch.tensor(v, requires_grad=True) for v in (W1, B1, W2, B2)]
    opt = optimizer(c, params)
    schedule = c.get("lr_schedule")
    sched = scheduler(schedule, opt)
    x, y = torch.tensor(X), torch.tensor(Y)
    steps, rates = [], []
    for epoch in range(EPOCHS):
        lr = rate(schedule, c["learning_rate"], epoch)
        if sched is not None:
            assert abs(opt.param_groups[0]["lr"] - lr) <= 1e-15 * lr, (c, epoch, opt.param_groups[0]["lr"], lr)
        for g in opt.param_groups:
            g["lr"] = lr
        rates.append(lr)
        for start in range(0, len(X), BATCH):
            xb, yb = x[start:start + BATCH], y[start:start + BATCH]
            a1 = torch.tanh(xb @ params[0] + params[1])
            a2 = torch.sigmoid(a1 @ params[2] + params[3])
            loss = torch.nn.functional.mse_loss(a2, yb)
            opt.zero_grad()
            loss.backward()
            if "clip_norm" in c:
                torch.nn.utils.clip_grad_norm_(params, c["clip_norm"])
            opt.step()
            steps.append([p.detach().flatten().tolist() for p in params])
        if sched is not None:
            sched.step()
    return {"train": c, "rates": rates, "steps": steps}


if __name__ == "__main__":
    out = {
        "torch": torch.__version__,
        "network": {"W1": W1, "b1": B1, "W2": W2, "b2": B2, "x": X, "y": Y, "epochs": EPOCHS, "batch": BATCH},
        "runs": {name: run(c) for name, c in CONFIGS.items()},
    }
    print(json.dumps(out))
