#!/usr/bin/env bash
# Prints the environment a service needs, from the stack's outputs, as export lines:
#   eval "$(infra/aws/env.sh frontend-service)"     one service, ready to eval
#   infra/aws/env.sh                                all five, each under a "# <service>" heading
set -euo pipefail
source "$(dirname "$0")/common.sh"

outputs=$(aws_ cloudformation describe-stacks --stack-name "$STACK_NAME" \
  --query 'Stacks[0].Outputs[].[OutputKey,OutputValue]' --output text)

output() {
  awk -F '\t' -v key="$1" '$1 == key { print $2 }' <<<"$outputs"
}

print_env() {
  local service="$1"
  echo "export AWS_REGION=$(output AwsRegion)"
  echo "export SERVER_PORT=$(service_port "$service")"
  if [[ "$service" == frontend-service ]]; then
    echo "export AWS_SNS_TOPIC=$(output AwsSnsTopic)"
    echo "export AWS_S3_BUCKET=$(output AwsS3Bucket)"
    echo "export ARCHIVE_COMPLETION_QUEUE=$(output ArchiveQueueUrl)"
  else
    echo "export AWS_SQS_QUEUE_URL=$(output "$(output_prefix "$service")QueueUrl")"
    echo "export AWS_DYNAMODB_TABLE=$(output "$(output_prefix "$service")Table")"
  fi
}

if (($#)); then
  print_env "$(service_name "$1")"
else
  for service in "${SERVICES[@]}"; do
    echo "# $service"
    print_env "$service"
  done
fi
