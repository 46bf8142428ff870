#!/usr/bin/env bash
# Runs the whole system on this machine, no Docker needed:
#   moto_server on 127.0.0.1:4566 (unless AWS_ENDPOINT_URL points at an emulator already, e.g. LocalStack),
#   the topology (infra/local/topology.sh), and the five services on ports 8080-8084.
# Foreground by default: Ctrl-C stops everything it started. --detach returns once all is healthy;
# infra/local/down.sh stops it then. Logs: .local/logs/.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
state="$root/.local"
detach=false
[[ "${1:-}" == "--detach" ]] && detach=true

services=(recommendation-service:8081 search-service:8082 streaming-service:8083 user-service:8084
  frontend-service:8080)

# python3, aws and cfn-lint at the pinned versions of infra/local/requirements.txt (topology.sh calls aws and python3)
bin=$("$root/infra/local/python.sh" --bin) || exit 1
export PATH="$bin:$PATH"

export AWS_REGION="${AWS_REGION:-us-east-1}"
export AWS_DEFAULT_REGION="$AWS_REGION"
mkdir -p "$state/logs" "$state/pids"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
started=false
fail() {
  printf 'up.sh: %s\n' "$*" >&2
  $started && "$root/infra/local/down.sh"
  exit 1
}

answers() { curl -s -o /dev/null --max-time 2 "$1"; }

wait_for() { # name url seconds
  local deadline=$((SECONDS + $3))
  until curl -sf --max-time 2 "$2" 2>/dev/null | grep -q '"UP"'; do
    ((SECONDS < deadline)) || fail "$1 did not become healthy within $3 s; see $state/logs/$1.log"
    sleep 0.5
  done
}

if [[ -z "${AWS_ENDPOINT_URL:-}" ]]; then
  export AWS_ENDPOINT_URL=http://127.0.0.1:4566
  export AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-test}" AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-test}"
  if answers "$AWS_ENDPOINT_URL"; then
    say "Using the emulator already answering at $AWS_ENDPOINT_URL"
  else
    say "Starting moto_server on $AWS_ENDPOINT_URL"
    nohup python3 "$root/infra/local/moto_server.py" -H 127.0.0.1 -p 4566 >"$state/logs/moto.log" 2>&1 &
    echo $! >"$state/pids/moto.pid"
    deadline=$((SECONDS + 30))
    until answers "$AWS_ENDPOINT_URL"; do
      ((SECONDS < deadline)) || fail "moto_server did not start; see $state/logs/moto.log"
      sleep 0.3
    done
  fi
fi

say "Creating the topology at ${AWS_ENDPOINT_URL}"
"$root/infra/local/topology.sh"

for entry in "${services[@]}"; do
  service=${entry%%:*}
  if [[ ! -f "$root/$service/target/$service.jar" ]]; then
    say "Building the services (./mvnw package -DskipTests)"
    (cd "$root" && ./mvnw -q -DskipTests package)
    break
  fi
done

say "Preparing the starts (infra/local/launch.sh: extracted jars, class archives; once per build or JDK)"
for entry in "${services[@]}"; do
  "$root/infra/local/launch.sh" --prepare "${entry%%:*}" || fail "could not prepare ${entry%%:*}"
done

stop_all() { "$root/infra/local/down.sh"; }
$detach || trap 'echo; stop_all; exit 130' INT TERM

for entry in "${services[@]}"; do
  service=${entry%%:*} port=${entry##*:}
  if answers "http://127.0.0.1:$port/actuator/health"; then
    fail "port $port is taken (is the system running already? infra/local/down.sh stops it)"
  fi
  say "Starting $service on :$port"
  started=true
  SERVER_PORT=$port nohup "$root/infra/local/launch.sh" "$service" >"$state/logs/$service.log" 2>&1 &
  echo $! >"$state/pids/$service.pid"
done

for entry in "${services[@]}"; do
  service=${entry%%:*} port=${entry##*:}
  wait_for "$service" "http://127.0.0.1:$port/actuator/health" 120
done

cat <<MSG

netflix-events is up (AWS at $AWS_ENDPOINT_URL)
  web page        http://localhost:8080
  frontend        http://localhost:8080/api/events/movie-details-viewed
  recommendation  http://localhost:8081/api/recommendations/alice
  search          http://localhost:8082/api/search/trending
  streaming       http://localhost:8083/api/streaming/prefetch
  user            http://localhost:8084/api/users/alice/history
  logs            $state/logs/

Send an event:
  curl -s -X POST localhost:8080/api/events/movie-details-viewed \\
    -H 'Content-Type: application/json' \\
    -d '{"userId":"alice","movieId":603,"movieTitle":"The Matrix","genres":["Action","Sci-Fi"]}'

MSG

if $detach; then
  echo "Running in the background; stop it with infra/local/down.sh"
else
  echo "Press Ctrl-C to stop everything."
  wait
fi
