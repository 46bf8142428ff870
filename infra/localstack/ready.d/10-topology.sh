#!/usr/bin/env bash
# LocalStack READY hook: applies infra/local/topology.sh, the one description of the topology, to this LocalStack.
# docker-compose.yml mounts this file at /etc/localstack/init/ready.d/ and the script at /opt/netflix-events/.
# The LocalStack image ships bash, python3 and awscli v1 (`aws`; `awslocal` wraps it), which is all the script needs.
# Outside the container (infra's LocalStackHookTests) NETFLIX_EVENTS_TOPOLOGY and AWS_ENDPOINT_URL point elsewhere.
set -euo pipefail

export AWS_ENDPOINT_URL="${AWS_ENDPOINT_URL:-http://localhost:4566}"
export AWS_REGION="${AWS_REGION:-${AWS_DEFAULT_REGION:-us-east-1}}"
export AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-test}"
export AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-test}"

exec bash "${NETFLIX_EVENTS_TOPOLOGY:-/opt/netflix-events/topology.sh}"
