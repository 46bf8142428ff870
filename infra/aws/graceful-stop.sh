#!/usr/bin/env bash
# Runs on each consumer instance as a systemd unit (see boot.sh): when Auto Scaling moves the instance towards
# Terminated (scale-in, instance refresh), the group's lifecycle hook graceful-stop holds it in Terminating:Wait;
# this script then stops the service, which takes no more messages and finishes and deletes those in flight, and
# tells Auto Scaling to go on. The instance learns its target state from the instance metadata (IMDSv2).
#   graceful-stop.sh <service> <group>      AWS_REGION from the service's environment file
# AWS_EC2_METADATA_SERVICE_ENDPOINT, as for the AWS SDKs and CLI, points it at another metadata service (the tests).
set -euo pipefail

(($# == 2)) || { echo "usage: graceful-stop.sh <service> <group>" >&2; exit 1; }
service=$1 group=$2
endpoint=${AWS_EC2_METADATA_SERVICE_ENDPOINT:-http://169.254.169.254}
metadata=${endpoint%/}/latest

metadata() {
  local token
  token=$(curl -fsS -X PUT -H 'X-aws-ec2-metadata-token-ttl-seconds: 60' "$metadata/api/token")
  curl -fsS -H "X-aws-ec2-metadata-token: $token" "$metadata/meta-data/$1"
}

until [[ "$(metadata autoscaling/target-lifecycle-state 2>/dev/null || true)" == Terminated ]]; do
  sleep 5
done
echo "graceful-stop.sh: the instance is terminating; stopping $service"
systemctl stop "$service.service"
aws autoscaling complete-lifecycle-action --region "$AWS_REGION" --auto-scaling-group-name "$group" \
  --lifecycle-hook-name graceful-stop --lifecycle-action-result CONTINUE --instance-id "$(metadata instance-id)"
echo "graceful-stop.sh: $service stopped; Auto Scaling may terminate the instance"
