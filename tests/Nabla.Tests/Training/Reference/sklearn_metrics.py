# Reference values for Nabla's evaluation metrics, from scikit-learn (Debian's python3-sklearn).
# Rerun:  /usr/bin/python3 sklearn_metrics.py > sklearn_metrics.json
import json
import numpy as np
from sklearn.metrics import (precision_score, recall_score, f1_score, roc_auc_score,
                             mean_absolute_error, mean_squared_error, r2_score)

rng = np.random.RandomState(0)
cases = []

# Three classes: softmax-like outputs, one-hot targets; class 2 is never predicted (precision 0).
logits = rng.normal(size=(40, 3)); logits[:, 2] -= 10
outputs = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
labels = rng.randint(0, 3, size=40)
targets = np.eye(3)[labels]
predicted = outputs.argmax(axis=1)
cases.append({"name": "three classes", "outputs": outputs.tolist(), "targets": targets.tolist(),
              "precision": precision_score(labels, predicted, average=None, zero_division=0).tolist(),
              "recall": recall_score(labels, predicted, average=None, zero_division=0).tolist(),
              "f1": f1_score(labels, predicted, average=None, zero_division=0).tolist(),
              "macro_precision": precision_score(labels, predicted, average="macro", zero_division=0),
              "macro_recall": recall_score(labels, predicted, average="macro", zero_division=0),
              "macro_f1": f1_score(labels, predicted, average="macro", zero_division=0)})

# Binary, one sigmoid output, scores rounded to one decimal so that many tie.
scores = np.round(rng.uniform(size=50), 1)
labels = (rng.uniform(size=50) < scores * 0.8 + 0.1).astype(int)
predicted = (scores >= 0.5).astype(int)
cases.append({"name": "binary with ties", "outputs": scores.reshape(-1, 1).tolist(), "targets": labels.reshape(-1, 1).astype(float).tolist(),
              "precision": precision_score(labels, predicted, average=None, zero_division=0).tolist(),
              "recall": recall_score(labels, predicted, average=None, zero_division=0).tolist(),
              "f1": f1_score(labels, predicted, average=None, zero_division=0).tolist(),
              "macro_precision": precision_score(labels, predicted, average="macro", zero_division=0),
              "macro_recall": recall_score(labels, predicted, average="macro", zero_division=0),
              "macro_f1": f1_score(labels, predicted, average="macro", zero_division=0),
              "auc": roc_auc_score(labels, scores)})

# Regression, two output columns.
targets = rng.normal(size=(30, 2)) * [1.0, 5.0] + [0.0, 3.0]
outputs = targets + rng.normal(size=(30, 2)) * [0.3, 2.0]
cases.append({"name": "regression", "outputs": outputs.tolist(), "targets": targets.tolist(),
              "mae": mean_absolute_error(targets, outputs),
              "rmse": mean_squared_error(targets, outputs, squared=False),
              "r2": r2_score(targets, outputs)})

print(json.dumps({"sklearn": __import__("sklearn").__version__, "cases": cases}, indent=1))
