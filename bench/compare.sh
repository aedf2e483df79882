#!/usr/bin/env bash
# Nabla against PyTorch (with OpenBLAS) on identical workloads, in one run, with the same
# number of threads for both. Prints a table and one "ROW <name> nabla=… peer=… ratio=…" line
# per workload (ratio = Nabla / PyTorch: higher means Nabla is faster).
#
#   bench/compare.sh [--quick] [--threads N] [--rounds R] [--busy] [--no-e2e]
#
# --quick runs shorter timings (for a smoke test); the default threads is the machine's cores.
# --busy keeps one core busy with another program (a single-threaded loop) while the workloads run, as
# a laptop, a CI runner or a shared server does, and adds Nabla on one thread to the table: the figure
# no number of threads should fall below.
# The end-to-end rows (skipped by --no-e2e) time whole processes: `nabla train bench/e2e/digits.json`
# (start-up, reading the CSV, training, writing the run folder) against bench/e2e/digits_torch.py doing
# the same, with and without the plots. (They run the built Nabla.Cli.dll directly, as an installed tool does.)
# The FMA probe on all threads and on one tells how the threads are placed: a second thread that adds
# little means two vCPUs share one core's FMA units.
# Each workload runs R times (default 3) on each side, the two sides taking turns (Nabla, PyTorch,
# Nabla, PyTorch, …), and each side's fastest round counts: a shared machine's slow spells then
# fall on both sides alike, rather than on whichever ran while they lasted.
set -euo pipefail
cd "$(dirname "$0")/.."

threads=$(nproc)
quick=""
rounds=3
busy=""
e2e=1
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick="--quick" ;;
    --threads) threads="$2"; shift ;;
    --rounds) rounds="$2"; shift ;;
    --busy) busy=1 ;;
    --no-e2e) e2e="" ;;
    *) echo "usage: bench/compare.sh [--quick] [--threads N] [--rounds R] [--busy] [--no-e2e]" >&2; exit 2 ;;
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

if ! "$python" -c 'import matplotlib' 2>/dev/null && [ -n "$e2e" ]; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq python3-matplotlib >/dev/null
fi

dotnet build bench/Nabla.Bench -c Release -nologo -v q --disable-build-servers >/dev/null
dotnet build src/Nabla.Cli -c Release -nologo -v q --disable-build-servers >/dev/null

export NABLA_THREADS="$threads" OMP_NUM_THREADS="$threads" OPENBLAS_NUM_THREADS="$threads" MKL_NUM_THREADS="$threads"
# PyTorch runs its own OpenMP threads beside OpenBLAS's; left spinning (the default) they take the
# cores OpenBLAS needs and PyTorch's MLP rows run 2–3× slower. Passive waiting is its best setting.
export OMP_WAIT_POLICY=PASSIVE
results=$(mktemp -d)
busy_pid=""
trap '[ -z "$busy_pid" ] || kill "$busy_pid" 2>/dev/null; rm -rf "$results"' EXIT

echo "CPU:   $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores; threads used: $threads"
echo "BLAS:  $(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3 2>/dev/null || echo unknown)"
nabla=(dotnet bench/Nabla.Bench/bin/Release/net10.0/Nabla.Bench.dll compare $quick)
peer=("$python" bench/peer/workloads.py "$threads" $quick)
"${nabla[@]}" peak > "$results/nabla.txt"
: > "$results/peer.txt"
: > "$results/one.txt"
if [ -n "$busy" ]; then
  "$python" -c 'while True: pass' &
  busy_pid=$!
  echo "BUSY:  a single-threaded loop (pid $busy_pid) keeps one core busy while the workloads run"
fi

# The end-to-end rows: seconds for one whole process, from start to exit, appended to a file as "SIDE NAME SECONDS".
timed() {
  local file=$1 label=$2 t0=$EPOCHREALTIME
  shift 2
  if ! "$@" >/dev/null 2>"$results/stderr"; then
    cat "$results/stderr" >&2
    echo "compare.sh: this failed: $*" >&2
    exit 1
  fi
  awk -v label="$label" -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%s %.3f\n", label, b - a }' >> "$file"
}
nabla_train=(dotnet src/Nabla.Cli/bin/Release/net10.0/Nabla.Cli.dll train bench/e2e/digits.json -o "$results/nabla-run" --force)
torch_train=("$python" bench/e2e/digits_torch.py "$results/torch-run")

for round in $(seq "$rounds"); do
  for name in xor mlp784 mlp1024 sgemm dgemm; do
    "${nabla[@]}" "$name" >> "$results/nabla.txt"
    "${peer[@]}" "$name" >> "$results/peer.txt"
    if [ -n "$busy" ] && [ "$name" != xor ]; then
      NABLA_THREADS=1 "${nabla[@]}" "$name" | sed 's/^NABLA/ONE/' >> "$results/one.txt"
    fi
  done
  if [ -n "$e2e" ]; then
    timed "$results/nabla.txt" "NABLA e2e" "${nabla_train[@]}"
    timed "$results/peer.txt" "PEER e2e" "${torch_train[@]}"
    timed "$results/nabla.txt" "NABLA e2e-noplots" "${nabla_train[@]}" --no-plots
    timed "$results/peer.txt" "PEER e2e-noplots" "${torch_train[@]}" --no-plots
  fi
done
if [ -n "$busy" ]; then
  kill "$busy_pid" 2>/dev/null || true
  busy_pid=""
fi
"${nabla[@]}" peak >> "$results/nabla.txt"
grep -h '^INFO' "$results/nabla.txt" "$results/peer.txt" | sort -u | sed 's/^INFO /       /'

"$python" - "$results" <<'PY'
import sys

folder = sys.argv[1]
runs = {}  # (side, name) -> the value of each round, in order
for who, file in (("nabla", "nabla.txt"), ("peer", "peer.txt"), ("one", "one.txt")):
    for line in open(f"{folder}/{file}"):
        parts = line.split()
        if parts and parts[0] in ("NABLA", "PEER", "ONE"):
            runs.setdefault((who, parts[1]), []).append(float(parts[2]))
        elif parts and parts[0] == "PEAK":
            runs.setdefault(("peak", parts[1]), []).append(float(parts[2]))
# Each side's fastest round: the most per second, or the fewest seconds for the end-to-end rows.
seconds_rows = {"e2e", "e2e-noplots"}
values = {key: (min(v) if key[1] in seconds_rows else max(v)) for key, v in runs.items()}

rows = [
    ("xor", "XOR 2-2-1, 1 example/step, float64", "steps/s", 800),
    ("mlp784", "MLP 784-256-128-10, batch 64, float32", "samples/s", 3),
    ("mlp1024", "MLP 1024-1024-1024-10, batch 256, float32", "samples/s", 2),
    ("sgemm", "SGEMM 2048³", "GFLOP/s", 1.0),
    ("dgemm", "DGEMM 2048³", "GFLOP/s", 1.5),
    ("e2e", "nabla train digits 64-256-256-10, 40 epochs", "s", 1.0),
    ("e2e-noplots", "  the same, --no-plots", "s", 1.0),
]
rows = [r for r in rows if ("nabla", r[0]) in values]
peak = {"sgemm": values.get(("peak", "float")), "dgemm": values.get(("peak", "double"))}
one = {"sgemm": values.get(("peak", "float1")), "dgemm": values.get(("peak", "double1"))}
print(f"FMA peak (probe): float {peak['sgemm']:.0f} GFLOP/s, double {peak['dgemm']:.0f} GFLOP/s; on one thread {one['sgemm']:.0f} and {one['dgemm']:.0f}")
gain = peak["sgemm"] / one["sgemm"] if one["sgemm"] else 0
threads = int(next((l.split("threads=")[1].split()[0] for l in open(f"{folder}/nabla.txt") if l.startswith("INFO")), "1"))
if threads > 1:
    placement = ("each thread has a core's FMA units of its own" if gain >= 0.8 * threads
                 else "the threads share FMA units (vCPUs on one core, or cores busy with other work)")
    print(f"Placement: {threads} threads give {gain:.2f}× one thread's FMA peak: {placement}")
print()
busy = bool([k for k in values if k[0] == "one"])
header = f"{'workload':<46}{'unit':>10}{'Nabla':>13}{'PyTorch':>13}{'Nabla/PyTorch':>15}{'target':>9}"
if busy:
    header += f"{'Nabla 1 thread':>16}"
print(header)
print("-" * len(header))
lines = []
for name, title, unit, target in rows:
    nabla, peer = values[("nabla", name)], values[("peer", name)]
    ratio = peer / nabla if unit == "s" else nabla / peer  # higher: Nabla faster
    mark = "ok" if ratio >= target else "MISSED"
    text = f"{title:<46}{unit:>10}{nabla:>13,.2f}{peer:>13,.2f}{ratio:>14.2f}×{'≥' + format(target, 'g') + '×':>8} {mark}"
    if ("one", name) in values:
        text += f"{values[('one', name)]:>13,.1f}{'' if nabla >= values[('one', name)] else ' (below)'}"
    print(text)
    if peak.get(name):
        print(f"{'   as % of the FMA peak':<46}{'%':>10}{100 * nabla / peak[name]:>13.1f}{100 * peer / peak[name]:>13.1f}")
    lines.append(f"ROW {name} nabla={nabla:.6g} peer={peer:.6g} ratio={ratio:.4g}")
print()
print("Each round (Nabla / PyTorch = ratio), the sides taking turns; the table takes each side's fastest:")
for name, title, unit, target in rows:
    pairs = zip(runs[("nabla", name)], runs[("peer", name)])
    show = lambda v: f"{v:,.0f}" if v >= 1000 else f"{v:.2f}"
    rate = (lambda n, p: p / n) if unit == "s" else (lambda n, p: n / p)
    print(f"  {name:<12}" + "   ".join(f"{show(n)} / {show(p)} = {rate(n, p):.3g}×" for n, p in pairs))
print()
print("\n".join(lines))
PY
