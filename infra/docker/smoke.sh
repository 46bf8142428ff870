#!/usr/bin/env bash
# The Docker smoke, for a machine with a Docker engine and Compose v2: builds the five images, starts LocalStack and
# the services with docker compose, checks that the queue URLs the topology made are reachable from the services'
# containers, posts events, waits until all four services applied every one of them and S3 holds them, and takes it
# all down again (also when it fails). The ports of docker-compose.yml (4566, 8080, 8082-8084) must be free.
#   infra/docker/smoke.sh    (a first build takes some minutes)
# Without a Docker engine it says so and exits 0, having run nothing.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
events=${SMOKE_EVENTS:-5}
consumers=(recommendation search streaming user)

if ! command -v docker >/dev/null || ! docker info >/dev/null 2>&1; then
  echo "smoke.sh: no Docker engine answers here (docker info failed): nothing was built or run"
  exit 0
fi
docker compose version >/dev/null 2>&1 || { echo "smoke.sh: needs Docker Compose v2 (docker compose)" >&2; exit 1; }

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
fail() { echo "smoke.sh: $*" >&2; exit 1; }
compose() { docker compose -p netflix-events-smoke "$@"; }
trap 'say "docker compose down"; compose down --volumes --remove-orphans >/dev/null 2>&1 || true' EXIT

say "docker compose up --build --wait (LocalStack, the topology hook, five services, two recommendation replicas)"
compose up --build --detach --wait --wait-timeout 600 || { compose ps; compose logs --tail 50; fail "did not come up healthy"; }

say "queue URLs name a host the services' containers reach"
for consumer in "${consumers[@]}"; do
  url=$(compose exec -T localstack awslocal sqs get-queue-url --queue-name "netflix-events-$consumer" \
    --query QueueUrl --output text | tr -d '\r')
  [[ $url == http://localstack:4566/queue/us-east-1/*/netflix-events-$consumer ]] || fail "unexpected queue URL $url"
  compose exec -T "$consumer-service" bash -c 'exec 3<>/dev/tcp/localstack/4566' || fail "$consumer-service cannot reach $url"
done

say "posting $events events"
ids=() keys=()
for n in $(seq 1 "$events"); do
  answer=$(curl -sf -X POST localhost:8080/api/events/movie-details-viewed -H 'Content-Type: application/json' \
    -d "{\"userId\":\"smoke-$n\",\"movieId\":$((600 + n)),\"movieTitle\":\"Smoke $n\",\"genres\":[\"Action\"]}") ||
    fail "the frontend did not accept event $n"
  ids+=("$(sed -n 's/.*"eventId":"\([^"]*\)".*/\1/p' <<<"$answer")")
  keys+=("$(sed -n 's/.*"s3Key":"\([^"]*\)".*/\1/p' <<<"$answer")")
done

port_of() { # service -> host port (the first recommendation replica's ephemeral one)
  case $1 in
    recommendation) compose port --index 1 recommendation-service 8081 | sed 's/.*://' ;;
    search) echo 8082 ;; streaming) echo 8083 ;; user) echo 8084 ;;
  esac
}

say "waiting until every service applied every event (its table's marker, whichever replica applied it)"
for consumer in "${consumers[@]}"; do
  port=$(port_of "$consumer")
  for id in "${ids[@]}"; do
    deadline=$((SECONDS + 60))
    until curl -sf -o /dev/null "localhost:$port/api/applied-events/$id"; do
      ((SECONDS < deadline)) || fail "$consumer-service did not apply $id within 60 s"
      sleep 1
    done
  done
  echo "  $consumer-service applied ${#ids[@]}"
done

say "S3 holds every event"
for key in "${keys[@]}"; do
  compose exec -T localstack awslocal s3api head-object --bucket netflix-events-archive --key "$key" >/dev/null ||
    fail "s3://netflix-events-archive/$key is missing"
done

echo "smoke.sh: $events events accepted, archived in S3 and applied by all four services on docker compose"
