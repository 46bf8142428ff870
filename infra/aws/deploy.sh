#!/usr/bin/env bash
# Creates or updates the netflix-events stack from infra/cloudformation/netflix-events.yaml and prints its outputs.
#   infra/aws/deploy.sh                             topic, queues, buckets, tables, roles, alarms, dashboard
#   infra/aws/deploy.sh AlarmEmail=you@example.com   ... the alarms mailed to you (confirm SNS's e-mail first)
#   infra/aws/deploy.sh ClientCidr=203.0.113.7/32    ... the load balancer open to that address only
# Arguments are template parameters (Key=Value); those not given keep their value in the stack. The instances come
# with the first release (infra/aws/release.sh, which sets ReleaseId). STACK_NAME, AWS_REGION, AWS_ENDPOINT_URL:
# see common.sh. The template goes through a private bucket of its own (template_bucket in common.sh), created on
# first use.
set -euo pipefail
source "$(dirname "$0")/common.sh"

overrides=()
if (($#)); then
  overrides=(--parameter-overrides "$@")
fi

bucket=$(template_bucket)
if ! aws_ s3api head-bucket --bucket "$bucket" >/dev/null 2>&1; then
  region=$(aws_region)
  location=()
  [[ "$region" == us-east-1 ]] || location=(--create-bucket-configuration "LocationConstraint=$region")
  aws_ s3api create-bucket --bucket "$bucket" "${location[@]}" >/dev/null
  aws_ s3api put-public-access-block --bucket "$bucket" --public-access-block-configuration \
    BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true
  echo "bucket  $bucket created for the template"
fi

aws_ cloudformation deploy \
  --stack-name "$STACK_NAME" \
  --template-file "$TEMPLATE" \
  --s3-bucket "$bucket" \
  --capabilities CAPABILITY_NAMED_IAM \
  --no-fail-on-empty-changeset \
  "${overrides[@]}"

aws_ cloudformation describe-stacks --stack-name "$STACK_NAME" \
  --query 'Stacks[0].Outputs[].[OutputKey,OutputValue]' --output text | sort
