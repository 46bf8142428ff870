#!/usr/bin/env bash
# Creates or updates the netflix-events stack from infra/cloudformation/netflix-events.yaml and prints its outputs.
#   infra/aws/deploy.sh                                   topic, queues, bucket, IAM roles and instance profiles
#   infra/aws/deploy.sh CreateInstances=true KeyName=my-key AdminCidr=203.0.113.7/32
#                                                         ... and one EC2 instance per service
# Arguments are template parameters (Key=Value). STACK_NAME, AWS_REGION, AWS_ENDPOINT_URL: see common.sh.
set -euo pipefail
source "$(dirname "$0")/common.sh"

overrides=()
if (($#)); then
  overrides=(--parameter-overrides "$@")
fi

aws_ cloudformation deploy \
  --stack-name "$STACK_NAME" \
  --template-file "$TEMPLATE" \
  --capabilities CAPABILITY_NAMED_IAM \
  --no-fail-on-empty-changeset \
  "${overrides[@]}"

aws_ cloudformation describe-stacks --stack-name "$STACK_NAME" \
  --query 'Stacks[0].Outputs[].[OutputKey,OutputValue]' --output text | sort
