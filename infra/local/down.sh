#!/usr/bin/env bash
# Stops what infra/local/up.sh started: the five services (SIGTERM, graceful), then moto_server if it started it.
set -uo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
pids="$root/.local/pids"
[[ -d "$pids" ]] || { echo "nothing to stop"; exit 0; }

stop() { # pid-file
  local pid
  pid=$(cat "$1")
  if kill -0 "$pid" 2>/dev/null; then
    echo "stopping $(basename "$1" .pid) (pid $pid)"
    kill -TERM "$pid"
    for _ in $(seq 1 120); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
  fi
  rm -f "$1"
}

for file in "$pids"/*-service.pid; do
  [[ -e "$file" ]] && stop "$file" &
done
wait
[[ -e "$pids/moto.pid" ]] && stop "$pids/moto.pid"
exit 0
