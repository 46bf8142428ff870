#!/usr/bin/env bash
# Copies a built jar and infra/local/launch.sh (which the unit starts it with) to its EC2 instance over scp, in the
# repository's layout under /opt/netflix-events, restarts the service's systemd unit, then waits for health.
#   infra/aws/push-jar.sh frontend-service                  host from the stack output FrontendHost
#   infra/aws/push-jar.sh frontend-service ec2-1-2-3-4.compute-1.amazonaws.com
# Build first: ./mvnw -DskipTests package. Needs the stack deployed with CreateInstances=true and a KeyName, and
# your address in AdminCidr.
#   SSH_KEY   private key file (default: ssh's own)     SSH_USER  default ec2-user
set -euo pipefail
source "$(dirname "$0")/common.sh"

(($# >= 1)) || die "usage: push-jar.sh <service> [host]"
service=$(service_name "$1")
host="${2:-$(stack_output "$(output_prefix "$service")Host")}"
[[ -n "$host" && "$host" != None ]] || die "no host for $service: deploy with CreateInstances=true or pass the host"
jar="$ROOT/$service/target/$service.jar"
[[ -f "$jar" ]] || die "$jar is missing: run ./mvnw -pl $service -am -DskipTests package"
port=$(service_port "$service")

ssh_options=(-o StrictHostKeyChecking=accept-new -o ConnectTimeout=10)
if [[ -n "${SSH_KEY:-}" ]]; then
  ssh_options+=(-i "$SSH_KEY")
fi
target="${SSH_USER:-ec2-user}@$host"

echo "copying $service.jar and launch.sh to $host"
scp "${ssh_options[@]}" "$jar" "$ROOT/infra/local/launch.sh" "$target:/tmp/"
# shellcheck disable=SC2087 # expanded here on purpose: service and port are ours
ssh "${ssh_options[@]}" "$target" bash -s <<REMOTE
set -euo pipefail
sudo cloud-init status --wait >/dev/null || true
sudo install -m 0755 /tmp/launch.sh /opt/netflix-events/infra/local/launch.sh
sudo install -m 0644 /tmp/$service.jar /opt/netflix-events/$service/target/$service.jar
rm -f /tmp/$service.jar /tmp/launch.sh
sudo systemctl restart $service
for _ in \$(seq 90); do # the first start of a new jar trains its class archive first
  if curl -fsS http://localhost:$port/actuator/health; then echo; exit 0; fi
  sleep 2
done
sudo journalctl -u $service -n 60 --no-pager
exit 1
REMOTE
echo "$service is up on $host:$port"
