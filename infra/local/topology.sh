#!/usr/bin/env bash
# Creates, or brings back in line, the whole netflix-events topology:
#   SNS topic -> five SQS queues, one per consumer service and the archive's (each with a DLQ, redrive after
#   5 receives, raw delivery, a policy letting only this topic send), the S3 archive bucket, and one DynamoDB
#   table per consumer service (its view and the ids of the events it applied).
# Idempotent: run it as often as you like, against moto, LocalStack or real AWS.
#   AWS_ENDPOINT_URL  emulator endpoint (unset: real AWS)
#   AWS_REGION        region (default us-east-1)
# topology.sh --print-settings prints the names and settings below as KEY=value lines and touches nothing
# (infra's TopologyConsistencyTests compares them with the CloudFormation template).
set -euo pipefail

: "${AWS_REGION:=us-east-1}"
export AWS_REGION AWS_DEFAULT_REGION="$AWS_REGION"
TOPIC_NAME="${TOPIC_NAME:-netflix-events-topic}"
BUCKET="${AWS_S3_BUCKET:-netflix-events-archive}"
SERVICES=(recommendation search streaming user)
# The archive's own subscription (frontend-service's archive completion stores what an ingest's S3 put left out):
# it sees each message 15 s late, after the ingest's S3 put has ended (its call timeout is 5 s), and finds most
# events stored already.
ARCHIVE_QUEUE=archive
ARCHIVE_DELAY_SECONDS=15

# Queue settings from the tutorial: consumers get 60 s per message, messages live 1 day, no delivery delay,
# 256 KB maximum; 20 s long polling; a message received 5 times without being deleted goes to the DLQ.
VISIBILITY_TIMEOUT=60
RETENTION_SECONDS=86400
DELAY_SECONDS=0
MAX_MESSAGE_SIZE=262144
RECEIVE_WAIT_SECONDS=20
MAX_RECEIVE_COUNT=5
DLQ_RETENTION_SECONDS=1209600
# Each consumer's DynamoDB table: netflix-events-<service>, keys pk/sk (strings), on-demand, items expire by TTL.
TABLE_TTL_ATTRIBUTE=expiresAt

if [[ "${1:-}" == --print-settings ]]; then
  for name in TOPIC_NAME BUCKET VISIBILITY_TIMEOUT RETENTION_SECONDS DELAY_SECONDS MAX_MESSAGE_SIZE \
      RECEIVE_WAIT_SECONDS MAX_RECEIVE_COUNT DLQ_RETENTION_SECONDS TABLE_TTL_ATTRIBUTE ARCHIVE_QUEUE \
      ARCHIVE_DELAY_SECONDS; do
    echo "$name=${!name}"
  done
  echo "SERVICES=${SERVICES[*]}"
  exit 0
fi

aws_() {
  if [[ -n "${AWS_ENDPOINT_URL:-}" ]]; then
    aws --endpoint-url "$AWS_ENDPOINT_URL" "$@"
  else
    aws "$@"
  fi
}

account=$(aws_ sts get-caller-identity --query Account --output text)
topic_arn=$(aws_ sns create-topic --name "$TOPIC_NAME" --query TopicArn --output text)
echo "topic   $topic_arn"

if aws_ s3api head-bucket --bucket "$BUCKET" >/dev/null 2>&1; then
  echo "bucket  $BUCKET (exists)"
else
  if [[ "$AWS_REGION" == us-east-1 ]]; then
    aws_ s3api create-bucket --bucket "$BUCKET" >/dev/null
  else
    aws_ s3api create-bucket --bucket "$BUCKET" \
      --create-bucket-configuration "LocationConstraint=$AWS_REGION" >/dev/null
  fi
  echo "bucket  $BUCKET (created)"
fi

subscribed=$(aws_ sns list-subscriptions-by-topic --topic-arn "$topic_arn" \
  --query 'Subscriptions[].Endpoint' --output text | tr '\t' ' ')

for service in "${SERVICES[@]}" "$ARCHIVE_QUEUE"; do
  queue="netflix-events-$service"
  delay=$DELAY_SECONDS
  [[ "$service" == "$ARCHIVE_QUEUE" ]] && delay=$ARCHIVE_DELAY_SECONDS
  queue_arn="arn:aws:sqs:$AWS_REGION:$account:$queue"
  dlq_arn="$queue_arn-dlq"

  aws_ sqs create-queue --queue-name "$queue-dlq" \
    --attributes "MessageRetentionPeriod=$DLQ_RETENTION_SECONDS" >/dev/null
  queue_url=$(aws_ sqs create-queue --queue-name "$queue" --query QueueUrl --output text)

  policy=$(printf '{"Version":"2012-10-17","Statement":[{"Sid":"TopicSendsOnly","Effect":"Allow","Principal":{"Service":"sns.amazonaws.com"},"Action":"sqs:SendMessage","Resource":"%s","Condition":{"ArnEquals":{"aws:SourceArn":"%s"}}}]}' "$queue_arn" "$topic_arn")
  redrive=$(printf '{"deadLetterTargetArn":"%s","maxReceiveCount":"%s"}' "$dlq_arn" "$MAX_RECEIVE_COUNT")
  attributes=$(python3 -c 'import json,sys; print(json.dumps(dict(zip(sys.argv[1::2], sys.argv[2::2]))))' \
    VisibilityTimeout "$VISIBILITY_TIMEOUT" MessageRetentionPeriod "$RETENTION_SECONDS" \
    DelaySeconds "$delay" MaximumMessageSize "$MAX_MESSAGE_SIZE" \
    ReceiveMessageWaitTimeSeconds "$RECEIVE_WAIT_SECONDS" RedrivePolicy "$redrive" Policy "$policy")
  aws_ sqs set-queue-attributes --queue-url "$queue_url" --attributes "$attributes"

  if [[ " $subscribed " == *" $queue_arn "* ]]; then
    echo "queue   $queue (subscribed) $queue_url"
  else
    aws_ sns subscribe --topic-arn "$topic_arn" --protocol sqs --notification-endpoint "$queue_arn" \
      --attributes RawMessageDelivery=true >/dev/null
    echo "queue   $queue (subscribed now) $queue_url"
  fi
done

for service in "${SERVICES[@]}"; do
  table="netflix-events-$service"
  if aws_ dynamodb describe-table --table-name "$table" >/dev/null 2>&1; then
    echo "table   $table (exists)"
  else
    aws_ dynamodb create-table --table-name "$table" --billing-mode PAY_PER_REQUEST \
      --attribute-definitions AttributeName=pk,AttributeType=S AttributeName=sk,AttributeType=S \
      --key-schema AttributeName=pk,KeyType=HASH AttributeName=sk,KeyType=RANGE >/dev/null
    aws_ dynamodb wait table-exists --table-name "$table"
    aws_ dynamodb update-time-to-live --table-name "$table" \
      --time-to-live-specification "Enabled=true,AttributeName=$TABLE_TTL_ATTRIBUTE" >/dev/null
    echo "table   $table (created)"
  fi
done
