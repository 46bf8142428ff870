#!/usr/bin/env bash
# Deletes everything deploy.sh and release.sh created: empties the versioned archive and artifacts buckets (every
# version and delete marker), deletes the stack (the instances and load balancers with it) and waits until it is
# gone, then deletes the bucket that deploy.sh uploaded the template to.
#   infra/aws/teardown.sh          asks you to type the stack name
#   infra/aws/teardown.sh --yes    no question (scripts, CI)
set -euo pipefail
source "$(dirname "$0")/common.sh"

if [[ "${1:-}" != --yes ]]; then
  read -r -p "Delete stack $STACK_NAME and every object in its buckets? Type its name: " answer
  [[ "$answer" == "$STACK_NAME" ]] || die "not deleted"
fi

# Deletes every version and delete marker of one of the stack's buckets, if it is there.
empty_bucket() {
  local bucket batch deleted=0
  bucket=$(stack_resource "$1")
  [[ -n "$bucket" && "$bucket" != None ]] && aws_ s3api head-bucket --bucket "$bucket" >/dev/null 2>&1 || return 0
  while :; do
    # up to 1000 versions and delete markers per round, the most one delete-objects call takes
    batch=$(aws_ s3api list-object-versions --bucket "$bucket" --max-items 1000 --output json \
      | python3 -c 'import json, sys
text = sys.stdin.read()
page = json.loads(text) if text.strip() else {}
objects = [{"Key": o["Key"], "VersionId": o["VersionId"]}
           for o in page.get("Versions", []) + page.get("DeleteMarkers", [])]
print(json.dumps({"Objects": objects, "Quiet": True}) if objects else "")')
    [[ -n "$batch" ]] || break
    aws_ s3api delete-objects --bucket "$bucket" --delete "$batch" >/dev/null
    deleted=$((deleted + $(python3 -c 'import json, sys; print(len(json.loads(sys.argv[1])["Objects"]))' "$batch")))
  done
  echo "bucket  $bucket emptied ($deleted versions and delete markers)"
}

empty_bucket ArchiveBucket
empty_bucket ArtifactsBucket

aws_ cloudformation delete-stack --stack-name "$STACK_NAME"
aws_ cloudformation wait stack-delete-complete --stack-name "$STACK_NAME"
echo "stack   $STACK_NAME deleted"

templates=$(template_bucket)
if aws_ s3api head-bucket --bucket "$templates" >/dev/null 2>&1; then
  aws_ s3 rb "s3://$templates" --force >/dev/null
  echo "bucket  $templates deleted"
fi
