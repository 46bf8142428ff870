#!/usr/bin/env bash
# The benchmark: builds what it needs, starts fauxqs (SNS, SQS, S3) and moto (DynamoDB, one process per
# service's table, as each table is its own on AWS; moto serves requests on one interpreter lock) on loopback,
# runs every case with 0 ms and 15 ms added per AWS request, and writes bench/results/results.md and chart.png.
#   bench/run.sh           the full run (10-14 minutes on 2 cores, build included)
#   bench/run.sh --smoke   every case for a second or two, results in bench/results/raw/smoke/ (no timing asserted)
#   bench/run.sh [--smoke] --cases 5 [--latencies 0]   some cases only (0-7, comma-separated), at some added latencies;
#                          a full-length one writes to bench/results/raw/partial/
#   bench/run.sh --capacity [--smoke]   the DynamoDB capacity model instead: DynamoDB units, keys and item sizes of
#                          the four consumers under a Zipf workload, for the design at commit $CAPACITY_BEFORE and now;
#                          bench/results/capacity.md and capacity.png (--smoke: the current design only, a few hundred
#                          events, in bench/results/raw/capacity/smoke/; fails when a service fails or events are lost)
set -euo pipefail

bench=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$bench")
mode=full
out="$bench/results"
capacity=false
if [[ "${1:-}" == --capacity ]]; then
  capacity=true
  shift
fi
if [[ "${1:-}" == --smoke ]]; then
  mode=smoke
  out="$bench/results/raw/smoke"
  $capacity && out="$bench/results/raw/capacity/smoke"
  shift
fi
selection=("$@") # --cases and --latencies, for the benchmark
if [[ $mode == full && ${#selection[@]} -gt 0 ]]; then
  out="$bench/results/raw/partial"
fi
# The design before the capacity work: the services as they were at this commit
CAPACITY_BEFORE=${CAPACITY_BEFORE:-865cdbe}
started=$(date +%s)
mkdir -p "$out" "$bench/results/raw/logs"

command -v java >/dev/null || { echo "run.sh: java (17+) is needed" >&2; exit 1; }
# moto and boto3 (the tutorial baseline) at infra/local/requirements.txt's versions; the bench's python3 is this one too
bin=$("$root/infra/local/python.sh" --bin) || exit 1
export PATH="$bin:$PATH"

echo "== npm ci (fauxqs 2.4.1, node 22.23.3, pinned by bench/package-lock.json)"
if [[ ! -x "$bench/node_modules/.bin/node" || ! -d "$bench/node_modules/fauxqs" ]]; then
  (cd "$bench" && npm ci --no-audit --no-fund --loglevel=error)
fi

echo "== building the services and the bench tool"
(cd "$root" && ./mvnw -q -DskipTests package -pl bench,frontend-service,recommendation-service,search-service,streaming-service,user-service -am)

before_jars="$bench/target/capacity-before/$CAPACITY_BEFORE"
if $capacity && [[ $mode == full && ! -f "$before_jars/user-service.jar" ]]; then
  echo "== building the consumers as they were at $CAPACITY_BEFORE (a throwaway worktree in bench/target)"
  tree="$bench/target/capacity-before/src"
  git -C "$root" worktree remove --force "$tree" 2>/dev/null || rm -rf "$tree"
  git -C "$root" worktree add --detach "$tree" "$CAPACITY_BEFORE" >/dev/null
  (cd "$tree" && ./mvnw -q -DskipTests package -pl recommendation-service,search-service,streaming-service,user-service -am)
  mkdir -p "$before_jars"
  for service in recommendation-service search-service streaming-service user-service; do
    cp "$tree/$service/target/$service.jar" "$before_jars/"
  done
  git -C "$root" worktree remove --force "$tree"
fi

if ! $capacity; then # the capacity model starts the jars with java -jar and launch.sh's flags, no archive to train
  echo "== preparing the services' starts (infra/local/launch.sh: extracted jars and their class archives)"
  for service in frontend-service recommendation-service search-service streaming-service user-service; do
    "$root/infra/local/launch.sh" --prepare "$service"
  done
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
fauxqs_port=$(free_port)
moto_ports=()
for _ in 1 2 3 4; do moto_ports+=("$(free_port)"); done
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

echo "== starting fauxqs on 127.0.0.1:$fauxqs_port and moto on 127.0.0.1:${moto_ports[*]}"
(cd "$bench" && exec node_modules/.bin/node fauxqs-server.mjs "$fauxqs_port") >"$bench/results/raw/logs/fauxqs.log" 2>&1 &
pids+=($!)
motos=()
for port in "${moto_ports[@]}"; do
  python3 "$root/infra/local/moto_server.py" -H 127.0.0.1 -p "$port" >"$bench/results/raw/logs/moto-$port.log" 2>&1 &
  pids+=($!)
  motos+=("http://127.0.0.1:$port")
done
for port in "$fauxqs_port" "${moto_ports[@]}"; do
  for _ in $(seq 1 100); do
    curl -s -o /dev/null "http://127.0.0.1:$port/" && break
    sleep 0.2
  done
done

# The bench runs on the Java the services run on, and so do the raw loops, the load it makes and the no-op listener app
java=$("$root/infra/local/launch.sh" --java)
if $capacity; then
  echo "== running the $mode capacity model on $(nproc) cores, $java"
  args=(--root "$root" --fauxqs "http://127.0.0.1:$fauxqs_port" --moto "$(IFS=,; echo "${motos[*]}")" --out "$out")
  if [[ $mode == smoke ]]; then args+=(--smoke); else args+=(--before "$before_jars"); fi
  "$java" -cp "$bench/target/classes:$(cat "$bench/target/classpath.txt")" io.netflixevents.bench.capacity.CapacityModel \
    "${args[@]}" ${CAPACITY_ARGS:-}
  echo "== done in $(( $(date +%s) - started )) s: $out/capacity.md, $out/capacity.png"
  exit 0
fi
echo "== running the $mode benchmark on $(nproc) cores, $java"
args=(--root "$root" --fauxqs "http://127.0.0.1:$fauxqs_port" --moto "$(IFS=,; echo "${motos[*]}")" --out "$out")
[[ $mode == smoke ]] && args+=(--smoke)
"$java" -cp "$bench/target/classes:$(cat "$bench/target/classpath.txt")" io.netflixevents.bench.Bench "${args[@]}" \
  ${selection[@]+"${selection[@]}"}

echo "== done in $(( $(date +%s) - started )) s: $out/results.md, $out/chart.png"
