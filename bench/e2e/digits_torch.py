"""The PyTorch twin of `nabla train bench/e2e/digits.json`: bench/compare.sh times both as whole processes.

Reads examples/data/digits.csv, standardises the inputs with the training part's mean and standard
deviation, holds out 20 %, trains 64-256-256-10 (ReLU, softmax with cross-entropy) in float32 with
Adam (lr 0.001), batch 32, shuffled, 40 epochs, scoring the training and test parts after each epoch
as `nabla train` does; then writes a run folder: the model, history.csv, predictions.csv and, unless
--no-plots, the loss, accuracy and confusion-matrix plots as PNG.

Usage: digits_torch.py OUT_FOLDER [--no-plots]
"""
import csv
import os
import sys

import numpy as np
import torch

out = sys.argv[1]
plots = "--no-plots" not in sys.argv
here = os.path.dirname(os.path.abspath(__file__))
os.makedirs(out, exist_ok=True)
torch.manual_seed(1)

with open(os.path.join(here, "..", "..", "examples", "data", "digits.csv")) as f:
    reader = csv.reader(f)
    header = next(reader)
    table = np.array([[float(v) for v in row] for row in reader], dtype=np.float32)
label = header.index("label")
x = np.delete(table, label, axis=1)
y = table[:, label].astype(np.int64)

order = np.random.default_rng(1).permutation(len(x))
test_count = round(0.2 * len(x))
test, train = order[:test_count], order[test_count:]
mean, std = x[train].mean(axis=0), x[train].std(axis=0)
std[std == 0] = 1
x = (x - mean) / std
x_train, y_train = torch.from_numpy(x[train]), torch.from_numpy(y[train])
x_test, y_test = torch.from_numpy(x[test]), torch.from_numpy(y[test])

model = torch.nn.Sequential(
    torch.nn.Linear(64, 256), torch.nn.ReLU(),
    torch.nn.Linear(256, 256), torch.nn.ReLU(),
    torch.nn.Linear(256, 10),
)
optimizer = torch.optim.Adam(model.parameters(), lr=0.001)
loss_fn = torch.nn.CrossEntropyLoss()


def score(inputs, labels):
    with torch.no_grad():
        logits = model(inputs)
        return loss_fn(logits, labels).item(), (logits.argmax(1) == labels).float().mean().item()


history = []
for epoch in range(1, 41):
    for batch in torch.randperm(len(x_train)).split(32):
        optimizer.zero_grad()
        loss = loss_fn(model(x_train[batch]), y_train[batch])
        loss.backward()
        optimizer.step()
    history.append((epoch, *score(x_train, y_train), *score(x_test, y_test)))

torch.save(model.state_dict(), os.path.join(out, "model.pt"))
with open(os.path.join(out, "history.csv"), "w", newline="") as f:
    writer = csv.writer(f)
    writer.writerow(["epoch", "loss", "accuracy", "test_loss", "test_accuracy"])
    writer.writerows(history)
with torch.no_grad():
    predicted = model(torch.from_numpy(x)).argmax(1).numpy()
with open(os.path.join(out, "predictions.csv"), "w", newline="") as f:
    writer = csv.writer(f)
    writer.writerow(["row", "part", "class", "predicted"])
    parts = np.where(np.isin(np.arange(len(x)), test), "test", "train")
    writer.writerows(zip(range(1, len(x) + 1), parts, y, predicted))

if plots:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    epochs = [h[0] for h in history]
    for name, columns in (("loss", (1, 3)), ("accuracy", (2, 4))):
        fig, ax = plt.subplots(figsize=(8, 5))
        ax.plot(epochs, [h[columns[0]] for h in history], label=name)
        ax.plot(epochs, [h[columns[1]] for h in history], label=f"test {name}")
        if name == "loss":
            ax.set_yscale("log")
        ax.set_xlabel("epoch")
        ax.legend()
        fig.savefig(os.path.join(out, f"{name}.png"), dpi=100)
        plt.close(fig)
    confusion = np.zeros((10, 10), dtype=int)
    np.add.at(confusion, (y[test], predicted[test]), 1)
    fig, ax = plt.subplots(figsize=(6, 6))
    ax.imshow(confusion, cmap="Blues")
    for i in range(10):
        for j in range(10):
            ax.text(j, i, confusion[i, j], ha="center", va="center")
    ax.set_xlabel("predicted")
    ax.set_ylabel("class")
    fig.savefig(os.path.join(out, "confusion.png"), dpi=100)
    plt.close(fig)

print(f"final loss {history[-1][1]:.6g}, test accuracy {history[-1][4]:.3f}")
