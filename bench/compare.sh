#!/usr/bin/env bash
# Nabla against PyTorch (with OpenBLAS) on identical workloads, in one run, with the same
# number of threads for both. Prints a table and one "ROW <name> nabla=… peer=… ratio=…" line
# per workload (ratio = Nabla / PyTorch: higher means Nabla is faster).
#
#   bench/compare.sh [--quick] [--threads N]
#
# --quick runs shorter timings (for a smoke test); the default threads is the machine's cores.
set -euo pipefail
cd "$(dirname "$0")/.."

threads=$(nproc)
quick=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick="--quick" ;;
    --threads) threads="$2"; shift ;;
    *) echo "usage: bench/compare.sh [--quick] [--threads N]" >&2; exit 2 ;;
  esac
  shift
done

# The peer: Debian's PyTorch, with the pthreads build of OpenBLAS behind its BLAS calls.
python=/usr/bin/python3
if ! "$python" -c 'import torch' 2>/dev/null || ! dpkg -s libopenblas0-pthread >/dev/null 2>&1; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq python3-torch libopenblas0-pthread >/dev/null
fi

dotnet build bench/Nabla.Bench -c Release -nologo -v q --disable-build-servers >/dev/null

export NABLA_THREADS="$threads" OMP_NUM_THREADS="$threads" OPENBLAS_NUM_THREADS="$threads" MKL_NUM_THREADS="$threads"
# PyTorch runs its own OpenMP threads beside OpenBLAS's; left spinning (the default) they take the
# cores OpenBLAS needs and PyTorch's MLP rows run 2–3× slower. Passive waiting is its best setting.
export OMP_WAIT_POLICY=PASSIVE
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

echo "CPU:   $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores; threads used: $threads"
echo "BLAS:  $(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3 2>/dev/null || echo unknown)"
dotnet bench/Nabla.Bench/bin/Release/net10.0/Nabla.Bench.dll compare $quick > "$results/nabla.txt"
"$python" bench/peer/workloads.py "$threads" $quick > "$results/peer.txt"
grep '^INFO' "$results/nabla.txt" "$results/peer.txt" | sed 's/^.*INFO /       /'

"$python" - "$results" <<'PY'
import sys

folder = sys.argv[1]
values = {}
for who, file in (("nabla", "nabla.txt"), ("peer", "peer.txt")):
    for line in open(f"{folder}/{file}"):
        parts = line.split()
        if parts and parts[0] in ("NABLA", "PEER"):
            values[(who, parts[1])] = float(parts[2])
        elif parts and parts[0] == "PEAK":
            values[("peak", parts[1])] = float(parts[2])

rows = [
    ("xor", "XOR 2-2-1, 1 example/step, float64", "steps/s", 800),
    ("mlp784", "MLP 784-256-128-10, batch 64, float32", "samples/s", 3),
    ("mlp1024", "MLP 1024-1024-1024-10, batch 256, float32", "samples/s", 2),
    ("sgemm", "SGEMM 2048³", "GFLOP/s", 1.0),
    ("dgemm", "DGEMM 2048³", "GFLOP/s", 1.5),
]
peak = {"sgemm": values.get(("peak", "float")), "dgemm": values.get(("peak", "double"))}
print(f"FMA peak (probe): float {peak['sgemm']:.0f} GFLOP/s, double {peak['dgemm']:.0f} GFLOP/s")
print()
header = f"{'workload':<44}{'unit':>10}{'Nabla':>14}{'PyTorch':>14}{'Nabla/PyTorch':>15}{'target':>9}"
print(header)
print("-" * len(header))
lines = []
for name, title, unit, target in rows:
    nabla, peer = values[("nabla", name)], values[("peer", name)]
    ratio = nabla / peer
    mark = "ok" if ratio >= target else "MISSED"
    print(f"{title:<44}{unit:>10}{nabla:>14,.1f}{peer:>14,.1f}{ratio:>14.2f}×{'≥' + format(target, 'g') + '×':>8} {mark}")
    if peak.get(name):
        print(f"{'   as % of the FMA peak':<44}{'%':>10}{100 * nabla / peak[name]:>14.1f}{100 * peer / peak[name]:>14.1f}")
    lines.append(f"ROW {name} nabla={nabla:.6g} peer={peer:.6g} ratio={ratio:.4g}")
print()
print("\n".join(lines))
PY
