"""PyTorch twins of the Nabla workloads in bench/Nabla.Bench/Workloads.cs.

Each is timed the same way: one warm-up run, then the fastest of several timed runs.
Prints "PEER <name> <value>" per workload. Usage: workloads.py THREADS [--quick] [names...]
"""
import sys
import time

import torch

NAMES = ["xor", "mlp784", "mlp1024", "sgemm", "dgemm"]


def best(runs, work):
    """Warms up for at least two seconds (as the Nabla side does), then the fastest of `runs` timed runs, in seconds."""
    warm_up = time.perf_counter()
    work()
    while time.perf_counter() - warm_up < 2.0:
        work()
    fastest = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        work()
        fastest = min(fastest, time.perf_counter() - start)
    return fastest


def xor(quick):
    """2-2-1 ReLU then sigmoid, bce, SGD lr 0.5, one example per step, float64: steps/s."""
    torch.manual_seed(1)
    x = torch.tensor([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=torch.float64)
    y = torch.tensor([[0], [1], [1], [0]], dtype=torch.float64)
    model = torch.nn.Sequential(
        torch.nn.Linear(2, 2), torch.nn.ReLU(), torch.nn.Linear(2, 1), torch.nn.Sigmoid()
    ).double()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.5)
    loss_fn = torch.nn.BCELoss()
    epochs = 250 if quick else 2500
    rows = [(x[i : i + 1], y[i : i + 1]) for i in range(4)]

    def run():
        for _ in range(epochs):
            for xi, yi in rows:
                optimizer.zero_grad()
                loss = loss_fn(model(xi), yi)
                loss.backward()
                optimizer.step()

    return epochs * 4 / best(2 if quick else 3, run)


def mlp(sizes, batch, examples, quick):
    """ReLU MLP, softmax + cce (cross_entropy on logits), SGD lr 0.01, random data, float32: samples/s."""
    torch.manual_seed(7)
    x = torch.rand(examples, sizes[0], dtype=torch.float32)
    labels = torch.randint(0, sizes[-1], (examples,))
    layers = []
    for i in range(1, len(sizes)):
        layers.append(torch.nn.Linear(sizes[i - 1], sizes[i]))
        if i < len(sizes) - 1:
            layers.append(torch.nn.ReLU())
    model = torch.nn.Sequential(*layers)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
    loss_fn = torch.nn.CrossEntropyLoss()
    epochs = 1 if quick else 3

    def run():
        for _ in range(epochs):
            for start in range(0, examples, batch):
                optimizer.zero_grad()
                loss = loss_fn(model(x[start : start + batch]), labels[start : start + batch])
                loss.backward()
                optimizer.step()

    return epochs * examples / best(2 if quick else 4, run)


def gemm(dtype, n, quick):
    """C = A·B for n × n matrices: GFLOP/s."""
    torch.manual_seed(5)
    a = torch.rand(n, n, dtype=dtype) * 2 - 1
    b = torch.rand(n, n, dtype=dtype) * 2 - 1
    c = torch.empty(n, n, dtype=dtype)
    seconds = best(3 if quick else 8, lambda: torch.matmul(a, b, out=c))
    return 2.0 * n**3 / seconds / 1e9


def main():
    threads = int(sys.argv[1])
    quick = "--quick" in sys.argv
    names = [a for a in sys.argv[2:] if not a.startswith("--")] or NAMES
    torch.set_num_threads(threads)
    print(f"INFO torch={torch.__version__} threads={torch.get_num_threads()}", flush=True)
    work = {
        "xor": lambda: xor(quick),
        "mlp784": lambda: mlp([784, 256, 128, 10], 64, 4096, quick),
        "mlp1024": lambda: mlp([1024, 1024, 1024, 10], 256, 2048, quick),
        "sgemm": lambda: gemm(torch.float32, 2048, quick),
        "dgemm": lambda: gemm(torch.float64, 2048, quick),
    }
    for name in NAMES:
        if name in names:
            print(f"PEER {name} {work[name]():.6g}", flush=True)


if __name__ == "__main__":
    main()
