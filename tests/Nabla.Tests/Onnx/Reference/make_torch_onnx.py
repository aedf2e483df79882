"""Writes ONNX files exported by PyTorch itself, and PyTorch's outputs for fixed inputs, for OnnxImportTests.

Each network is nn.Sequential(Linear(4, 5), <activation>, Linear(5, 3), <activation>, Linear(3, 2)) with
seeded weights, exported with torch.onnx.export as PyTorch spells each activation (GELU as Div, Erf, Add,
Mul, Mul; SiLU as Sigmoid then Mul; ELU, Softplus, LeakyReLU as their own operators).
Rerun (offline, with Debian's python3-torch):  /usr/bin/python3 make_torch_onnx.py
"""
import json

import torch

activations = {
    "relu": torch.nn.ReLU(),
    "leaky_relu": torch.nn.LeakyReLU(0.2),
    "elu": torch.nn.ELU(0.5),
    "gelu": torch.nn.GELU(),
    "silu": torch.nn.SiLU(),
    "softplus": torch.nn.Softplus(),
    "tanh": torch.nn.Tanh(),
}
x = torch.tensor([[1.0, -2.0, 0.5, 3.0], [-1.5, 0.25, 2.0, -0.75], [0.0, 0.0, 0.0, 0.0], [2.5, -3.0, -1.0, 1.0]])
reference = {"inputs": x.tolist(), "outputs": {}}
for name, activation in activations.items():
    torch.manual_seed(3)
    model = torch.nn.Sequential(torch.nn.Linear(4, 5), activation, torch.nn.Linear(5, 3), activation, torch.nn.Linear(3, 2))
    torch.onnx.export(model, x[:1], f"torch_{name}.onnx", input_names=["x"], output_names=["y"],
                      dynamic_axes={"x": {0: "batch"}, "y": {0: "batch"}})
    with torch.no_grad():
        reference["outputs"][name] = model(x).tolist()
with open("torch_onnx.json", "w") as f:
    json.dump(reference, f, indent=1)
    f.write("\n")
print("wrote", ", ".join(f"torch_{n}.onnx" for n in activations), "and torch_onnx.json")
