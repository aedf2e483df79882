#!/usr/bin/env bash
# Nabla against PyTorch (with OpenBLAS) on identical workloads, in one run, with the same
# number of threads for both. Prints a table and one "ROW <name> nabla=… peer=… ratio=…" line
# per workload (ratio = Nabla / PyTorch: higher means Nabla is faster).
#
#   bench/compare.sh [--quick] [--threads N] [--rounds R]
#
# --quick runs shorter timings (for a smoke test); the default threads is the machine's cores.
# Each workload runs R times (default 3) on each side, the two sides taking turns (Nabla, PyTorch,
# Nabla, PyTorch, …), and each side's fastest round counts: a shared machine's slow spells then
# fall on both sides alike, rather than on whichever ran while they lasted.
set -euo pipefail
cd "$(dirname "$0")/.."

threads=$(nproc)
quick=""
rounds=3
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick="--quick" ;;
    --threads) threads="$2"; shift ;;
    --rounds) rounds="$2"; shift ;;
    *) echo "usage: bench/compare.sh [--quick] [--threads N] [--rounds R]" >&2; exit 2 ;;
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
nabla=(dotnet bench/Nabla.Bench/bin/Release/net10.0/Nabla.Bench.dll compare $quick)
peer=("$python" bench/peer/workloads.py "$threads" $quick)
"${nabla[@]}" peak > "$results/nabla.txt"
: > "$results/peer.txt"
for round in $(seq "$rounds"); do
  for name in xor mlp784 mlp1024 sgemm dgemm; do
    "${nabla[@]}" "$name" >> "$results/nabla.txt"
    "${peer[@]}" "$name" >> "$results/peer.txt"
  done
done
"${nabla[@]}" peak >> "$results/nabla.txt"
grep -h '^INFO' "$results/nabla.txt" "$results/peer.txt" | sort -u | sed 's/^INFO /       /'

"$python" - "$results" <<'PY'
import sys

folder = sys.argv[1]
runs = {}  # (side, name) -> the value of each round, in order
for who, file in (("nabla", "nabla.txt"), ("peer", "peer.txt")):
    for line in open(f"{folder}/{file}"):
        parts = line.split()
        if parts and parts[0] in ("NABLA", "PEER"):
            runs.setdefault((who, parts[1]), []).append(float(parts[2]))
        elif parts and parts[0] == "PEAK":
            runs.setdefault(("peak", parts[1]), []).append(float(parts[2]))
values = {key: max(v) for key, v in runs.items()}  # each side's fastest round

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
print("Each round (Nabla / PyTorch = ratio), the sides taking turns; the table takes each side's fastest:")
for name, title, unit, target in rows:
    pairs = zip(runs[("nabla", name)], runs[("peer", name)])
    show = lambda v: f"{v:,.0f}" if v >= 1000 else f"{v:.1f}"
    print(f"  {name:<8}" + "   ".join(f"{show(n)} / {show(p)} = {n / p:.3g}×" for n, p in pairs))
print()
print("\n".join(lines))
PY
