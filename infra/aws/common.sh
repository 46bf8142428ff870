# Sourced by the scripts in infra/aws/: the stack, the awscli wrapper and the service names.
#   STACK_NAME        CloudFormation stack (default netflix-events)
#   AWS_REGION        region (default: the awscli's configured region)
#   AWS_ENDPOINT_URL  an emulator instead of AWS (moto, LocalStack)

STACK_NAME="${STACK_NAME:-netflix-events}"
if [[ -n "${AWS_REGION:-}" ]]; then
  export AWS_DEFAULT_REGION="$AWS_REGION"
fi
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TEMPLATE="$ROOT/infra/cloudformation/netflix-events.yaml"
SERVICES=(frontend-service recommendation-service search-service streaming-service user-service)

aws_() {
  if [[ -n "${AWS_ENDPOINT_URL:-}" ]]; then
    aws --endpoint-url "$AWS_ENDPOINT_URL" "$@"
  else
    aws "$@"
  fi
}

die() {
  echo "$(basename "$0"): $*" >&2
  exit 1
}

# The region the awscli uses: AWS_REGION or AWS_DEFAULT_REGION, else its configured one.
aws_region() {
  echo "${AWS_DEFAULT_REGION:-$(aws configure get region || true)}"
}

# The private bucket that deploy.sh uploads the template to (CloudFormation takes a template of over 51,200 bytes
# only from S3), one per stack, account and region; teardown.sh deletes it.
template_bucket() {
  echo "$STACK_NAME-templates-$(aws_ sts get-caller-identity --query Account --output text)-$(aws_region)"
}

# The value of one stack output, empty when the stack has no such output.
stack_output() {
  aws_ cloudformation describe-stacks --stack-name "$STACK_NAME" \
    --query "Stacks[0].Outputs[?OutputKey=='$1'].OutputValue" --output text
}

# The physical id of one of the stack's resources (a bucket's name), empty when the stack has no such resource.
stack_resource() {
  aws_ cloudformation list-stack-resources --stack-name "$STACK_NAME" --output text \
    --query "StackResourceSummaries[?LogicalResourceId=='$1'].PhysicalResourceId | [0]" 2>/dev/null || true
}

# recommendation-service, recommendation -> recommendation-service
service_name() {
  local name="${1%-service}-service"
  [[ " ${SERVICES[*]} " == *" $name "* ]] || die "unknown service '$1' (one of: ${SERVICES[*]})"
  echo "$name"
}

# recommendation-service -> Recommendation (the prefix of its stack outputs)
output_prefix() {
  local short="${1%-service}"
  echo "${short^}"
}

service_port() {
  case "$1" in
    frontend-service) echo 8080 ;;
    recommendation-service) echo 8081 ;;
    search-service) echo 8082 ;;
    streaming-service) echo 8083 ;;
    user-service) echo 8084 ;;
  esac
}
