#!/usr/bin/env bash
# Ships a release: builds the five jars and uploads each, with the scripts an instance boots from (launch.sh,
# boot.sh, graceful-stop.sh), to the stack's artifacts bucket under releases/<id>/<service>/; points the stack at it
# (ReleaseId: the first release creates the network, the load balancers and the Auto Scaling groups); and rolls each
# group onto it by an instance refresh that starts the new instances first and terminates old ones only once the new
# pass their load balancer health checks, so no request fails. Prints where the release answers.
#   infra/aws/release.sh            all of it
#   infra/aws/release.sh --upload   build and upload only, and print the release id; it rolls out with
#                                   infra/aws/release.sh --deploy <id>
#   infra/aws/release.sh --deploy <id>   roll out a release uploaded before (or an older one, to go back)
#   RELEASE_ID   the id of a new release (default: <UTC date and time>-<git commit>); a release is never overwritten
#   JARS_FROM    a directory holding the five <service>.jar to upload, instead of building them here
# Needs the stack (infra/aws/deploy.sh) for its artifacts bucket. STACK_NAME, AWS_REGION, AWS_ENDPOINT_URL: common.sh.
set -euo pipefail
source "$(dirname "$0")/common.sh"

upload() {
  local id=$1 bucket service jar file
  bucket=$(stack_resource ArtifactsBucket)
  [[ -n "$bucket" && "$bucket" != None ]] || die "stack $STACK_NAME has no artifacts bucket: run infra/aws/deploy.sh"
  [[ "$id" =~ ^[A-Za-z0-9][A-Za-z0-9._-]*$ ]] || die "release id '$id' may hold only letters, digits, '.', '_' and '-'"
  if aws_ s3api head-object --bucket "$bucket" --key "releases/$id/frontend-service/frontend-service.jar" \
    >/dev/null 2>&1; then
    die "release $id is already in s3://$bucket: releases are not overwritten; pick another RELEASE_ID"
  fi
  if [[ -z "${JARS_FROM:-}" ]]; then
    echo "building the jars" >&2
    "$ROOT/mvnw" -q -B -f "$ROOT/pom.xml" -DskipTests package >&2
  fi
  for service in "${SERVICES[@]}"; do
    jar="${JARS_FROM:-$ROOT/$service/target}/$service.jar"
    [[ -f "$jar" ]] || die "$jar is missing"
    files=("$jar" "$ROOT/infra/local/launch.sh" "$ROOT/infra/aws/boot.sh")
    [[ "$service" == frontend-service ]] || files+=("$ROOT/infra/aws/graceful-stop.sh")
    for file in "${files[@]}"; do
      aws_ s3 cp --only-show-errors "$file" "s3://$bucket/releases/$id/$service/$(basename "$file")"
    done
    echo "uploaded $service to s3://$bucket/releases/$id/$service/" >&2
  done
}

# Starts an instance refresh of every group and waits for all of them. New instances launch first
# (MaxHealthyPercentage 200) and old ones go only while every desired instance is healthy (MinHealthyPercentage
# 100); instances already on the release are kept (SkipMatching), so the first release's refresh ends at once.
roll_out() {
  local service group refresh status percent failed=0
  declare -A refreshes=()
  for service in "${SERVICES[@]}"; do
    group="$STACK_NAME-$service"
    refreshes[$group]=$(aws_ autoscaling start-instance-refresh --auto-scaling-group-name "$group" \
      --preferences '{"MinHealthyPercentage": 100, "MaxHealthyPercentage": 200, "SkipMatching": true}' \
      --query InstanceRefreshId --output text)
  done
  while ((${#refreshes[@]})); do
    sleep 15
    for group in "${!refreshes[@]}"; do
      read -r status percent < <(aws_ autoscaling describe-instance-refreshes --auto-scaling-group-name "$group" \
        --instance-refresh-ids "${refreshes[$group]}" \
        --query 'InstanceRefreshes[0].[Status,PercentageComplete]' --output text)
      case "$status" in
        Successful) echo "rolled out  $group" ;;
        Pending | InProgress) echo "rolling out $group: $percent %"; continue ;;
        *) echo "instance refresh of $group ended $status (its old instances keep serving)" >&2; failed=1 ;;
      esac
      unset "refreshes[$group]"
    done
  done
  ((failed == 0)) || die "the release did not roll out everywhere: aws autoscaling describe-instance-refreshes"
  # The first release's instances are new, so its refreshes end at once: wait until every target is healthy.
  for service in "${SERVICES[@]}"; do
    aws_ elbv2 wait target-in-service --target-group-arn "$(stack_resource "$(output_prefix "$service")TargetGroup")" ||
      die "$service's instances did not pass their health checks: see its target group"
  done
}

new_id() {
  echo "${RELEASE_ID:-$(date -u +%Y%m%d-%H%M%S)-$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo local)}"
}

case "${1:-}" in
  --upload) id=$(new_id); upload "$id"; echo "$id"; exit 0 ;;
  --deploy)
    (($# == 2)) || die "usage: release.sh --deploy <release id>"
    id=$2
    aws_ s3api head-object --bucket "$(stack_resource ArtifactsBucket)" \
      --key "releases/$id/frontend-service/frontend-service.jar" >/dev/null 2>&1 || die "no release $id uploaded" ;;
  "") id=$(new_id); upload "$id" ;;
  *) die "usage: release.sh [--upload | --deploy <release id>]" ;;
esac

"$ROOT/infra/aws/deploy.sh" "ReleaseId=$id"
roll_out
echo "release $id is live: $(stack_output WebPageUrl)"
