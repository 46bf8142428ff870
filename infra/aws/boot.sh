#!/usr/bin/env bash
# Provisions an instance of the stack's Auto Scaling groups at its first boot (its user data fetches this script
# from the release and runs it as root):
#   boot.sh <service> s3://<artifacts bucket>/releases/<id>/<service> [<group>]  < the service's environment (KEY=value)
# It installs the Java the Dockerfile runs on, creates the netflix-events user, fetches the service's jar and
# infra/local/launch.sh from the release into the repository's layout under /opt/netflix-events (launch.sh starts
# the jar with the JVM flags and class archive of every other start), writes the environment and a systemd unit, and
# starts it. With a <group> (the consumers) it also starts netflix-events-graceful-stop, which stops the service
# when Auto Scaling terminates the instance (infra/aws/graceful-stop.sh).
#   DESTDIR   install under this directory instead of / (the tests run it so, with stub dnf and systemctl)
set -euo pipefail

(($# == 2 || $# == 3)) || { echo "usage: boot.sh <service> <release prefix> [<group>] < environment" >&2; exit 1; }
service=$1 release=$2 group=${3:-}
root=${DESTDIR:-}
home=/opt/netflix-events
java_package=java-25-amazon-corretto-headless

dnf install -y -q "$java_package"
id netflix-events >/dev/null 2>&1 || useradd --system --no-create-home --shell /sbin/nologin netflix-events

install -d -m 0755 "$root$home/infra/local" "$root$home/infra/aws" "$root/etc/netflix-events" \
  "$root/etc/systemd/system" "$root$home/$service/target"
# launch.sh extracts the jar and writes its class archive next to it, as the service's user
chown netflix-events:netflix-events "$root$home/$service/target"
aws s3 cp --only-show-errors "$release/$service.jar" "$root$home/$service/target/$service.jar"
aws s3 cp --only-show-errors "$release/launch.sh" "$root$home/infra/local/launch.sh"
chmod 0755 "$root$home/infra/local/launch.sh"
install -m 0644 /dev/stdin "$root/etc/netflix-events/$service.env"

cat > "$root/etc/systemd/system/$service.service" <<UNIT
[Unit]
Description=netflix-events $service
Wants=network-online.target
After=network-online.target
[Service]
User=netflix-events
EnvironmentFile=/etc/netflix-events/$service.env
ExecStart=$home/infra/local/launch.sh $service
SuccessExitStatus=143
TimeoutStopSec=45
Restart=on-failure
RestartSec=5
[Install]
WantedBy=multi-user.target
UNIT
units=("$service.service")

if [[ -n "$group" ]]; then
  aws s3 cp --only-show-errors "$release/graceful-stop.sh" "$root$home/infra/aws/graceful-stop.sh"
  chmod 0755 "$root$home/infra/aws/graceful-stop.sh"
  cat > "$root/etc/systemd/system/netflix-events-graceful-stop.service" <<UNIT
[Unit]
Description=netflix-events: stop $service gracefully when Auto Scaling terminates this instance
After=$service.service
[Service]
EnvironmentFile=/etc/netflix-events/$service.env
ExecStart=$home/infra/aws/graceful-stop.sh $service $group
Restart=on-failure
RestartSec=5
[Install]
WantedBy=multi-user.target
UNIT
  units+=(netflix-events-graceful-stop.service)
fi

systemctl daemon-reload
systemctl enable --now "${units[@]}"
echo "boot.sh: $service from $release started"
