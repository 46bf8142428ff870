#!/usr/bin/env bash
# Moves the messages in one of a service's dead-letter queues back to its queue, once the cause is fixed, and says
# how many.
#   infra/aws/redrive.sh search-service              (or: search) from netflix-events-search-dlq: events the service
#                                                    could not apply in 5 receives
#   infra/aws/redrive.sh search-service --delivery   from netflix-events-search-delivery-dlq: events SNS could not
#                                                    deliver to the queue (fix the queue's policy or key first)
#   infra/aws/redrive.sh archive [--delivery]        the same for the archive's queue (frontend-service's archive
#                                                    completion)
# On AWS (and LocalStack) SQS moves them itself (StartMessageMoveTask). Where that is missing (moto), where SQS
# refuses it, or when REDRIVE_METHOD=copy, the script receives, re-sends and deletes them in batches of 10; it moves
# at most the number of messages the DLQ held when it started, so a message that fails again cannot keep it busy.
# AWS_REGION, AWS_ENDPOINT_URL: see common.sh. Queues are found by name (netflix-events-<service>[-delivery]-dlq).
set -euo pipefail
source "$(dirname "$0")/common.sh"

if ! (($# == 1 || $# == 2)) || [[ $# == 2 && "$2" != --delivery ]]; then
  die "usage: redrive.sh <service>|archive [--delivery]"
fi
if [[ "$1" == archive ]]; then
  queue=netflix-events-archive # frontend-service's archive completion
else
  service=$(service_name "$1")
  [[ "$service" != frontend-service ]] || die "frontend-service's queue is the archive's: redrive.sh archive"
  queue="netflix-events-${service%-service}"
fi
dlq="$queue${2:+-delivery}-dlq"

queue_url=$(aws_ sqs get-queue-url --queue-name "$queue" --query QueueUrl --output text)
dlq_url=$(aws_ sqs get-queue-url --queue-name "$dlq" --query QueueUrl --output text)
queue_arn=$(aws_ sqs get-queue-attributes --queue-url "$queue_url" --attribute-names QueueArn \
  --query Attributes.QueueArn --output text)
dlq_arn=$(aws_ sqs get-queue-attributes --queue-url "$dlq_url" --attribute-names QueueArn \
  --query Attributes.QueueArn --output text)
waiting=$(aws_ sqs get-queue-attributes --queue-url "$dlq_url" --attribute-names ApproximateNumberOfMessages \
  --query Attributes.ApproximateNumberOfMessages --output text)

move_task() {
  AWS_MAX_ATTEMPTS=1 aws_ sqs start-message-move-task --source-arn "$dlq_arn" --destination-arn "$queue_arn" \
    --query TaskHandle --output text >/dev/null 2>&1 || return 1
  local status moved
  while :; do
    read -r status moved < <(aws_ sqs list-message-move-tasks --source-arn "$dlq_arn" --max-results 1 \
      --query 'Results[0].[Status,ApproximateNumberOfMessagesMoved]' --output text)
    case "$status" in
      COMPLETED) echo "$moved"; return 0 ;;
      RUNNING | CANCELLING) sleep 2 ;;
      *) die "message move task from $dlq ended $status" ;;
    esac
  done
}

copy() {
  local moved=0 batch sends sent count deletes
  while ((moved < waiting)); do
    batch=$(aws_ sqs receive-message --queue-url "$dlq_url" --max-number-of-messages 10 --wait-time-seconds 1 \
      --visibility-timeout 60 --message-attribute-names All --output json)
    # the messages as send-message-batch entries, keyed by their position in this batch
    sends=$(python3 -c 'import json, sys
messages = json.loads(sys.argv[1] or "{}").get("Messages", [])
entries = []
for i, m in enumerate(messages):
    entry = {"Id": str(i), "MessageBody": m["Body"]}
    if m.get("MessageAttributes"):
        entry["MessageAttributes"] = m["MessageAttributes"]
    entries.append(entry)
print(json.dumps(entries) if entries else "")' "$batch")
    [[ -n "$sends" ]] || break
    sent=$(aws_ sqs send-message-batch --queue-url "$queue_url" --entries "$sends" --output json)
    # delete from the DLQ only what the queue accepted; the rest becomes visible there again
    { read -r count; read -r deletes; } < <(python3 -c 'import json, sys
messages = json.loads(sys.argv[1])["Messages"]
ok = [int(s["Id"]) for s in json.loads(sys.argv[2]).get("Successful", [])]
print(len(ok))
print(json.dumps([{"Id": str(i), "ReceiptHandle": messages[i]["ReceiptHandle"]} for i in ok]))' "$batch" "$sent")
    ((count)) || die "the queue $queue refused every message of a batch: $sent"
    aws_ sqs delete-message-batch --queue-url "$dlq_url" --entries "$deletes" >/dev/null
    moved=$((moved + count))
  done
  echo "$moved"
}

if ((waiting == 0)); then
  moved=0
elif [[ "${REDRIVE_METHOD:-move-task}" == move-task ]] && moved=$(move_task); then
  :
else
  moved=$(copy)
fi
echo "moved $moved message(s) from $dlq to $queue"
