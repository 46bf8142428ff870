#!/usr/bin/env bash
# Starts one service the way it is shipped (the Dockerfile does the same):
#   infra/local/launch.sh <service> [args...]    runs <service>/target/<service>.jar, args go to the application
#   infra/local/launch.sh --prepare <service>    only builds what the start needs (done by up.sh and bench/run.sh)
# The jar is extracted (java -Djarmode=tools ... extract) to <service>/target/launch/ and started from there with
# a class archive made by a training run that stops once the context has refreshed (spring.context.exit=onRefresh,
# before the web server and the SQS listeners start, so it needs no AWS endpoint): on Java 24+ an AOT cache
# (-XX:AOTCache), on Java 17-23 a CDS archive (-XX:SharedArchiveFile). The archive is rebuilt when the jar, the
# JDK or this script changes. Java: $JAVA if set, else the newest of $JAVA_HOME, java on PATH, /usr/lib/jvm/*.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
prepare_only=false
[[ "${1:-}" == "--prepare" ]] && { prepare_only=true; shift; }
service=${1:?usage: launch.sh [--prepare] <service> [args...]}
shift

# The flags of every start, training included (the Dockerfile uses the same): the serial collector and a 256 MB heap
# (the JVM would otherwise size the heap from the machine's memory; in a container limited to 512 MB it picks the
# serial collector itself). Measured: idle RSS 250-270 MB instead of 285; the frontend after load 326 MB instead of 555.
flags=(-XX:+UseSerialGC -Xmx256m)

property() { # java name -> the value of that system property in that JVM, or nothing when it does not run
  { "$1" -XshowSettings:properties -version 2>&1 || true; } | sed -n "s/^ *$2 = //p"
}

pick_java() {
  if [[ -n "${JAVA:-}" ]]; then
    echo "$JAVA"
    return
  fi
  local best="" best_version=0 candidate version
  for candidate in ${JAVA_HOME:+"$JAVA_HOME/bin/java"} "$(command -v java || true)" /usr/lib/jvm/*/bin/java; do
    [[ -x "$candidate" ]] || continue
    version=$(property "$candidate" java.specification.version)
    [[ "$version" =~ ^[0-9]+$ ]] && ((version > best_version)) && best=$candidate best_version=$version
  done
  echo "${best:-java}"
}

java=$(pick_java)
version=$(property "$java" java.specification.version)
full_version=$(property "$java" java.vm.version)
[[ "$version" =~ ^[0-9]+$ ]] && ((version >= 17)) ||
  { echo "launch.sh: found no Java 17 or later (tried ${java}; set JAVA or JAVA_HOME)" >&2; exit 1; }
jar="$root/$service/target/$service.jar"
dir="$root/$service/target/launch"
[[ -f "$jar" ]] || { echo "launch.sh: $jar is missing; build it first (./mvnw -DskipTests package)" >&2; exit 1; }

if ((version >= 24)); then
  archive="$dir/$service-$full_version.aot" train=(-XX:AOTCacheOutput="$archive") use=(-XX:AOTCache="$archive")
else
  archive="$dir/$service-$full_version.jsa" train=(-XX:ArchiveClassesAtExit="$archive") use=(-XX:SharedArchiveFile="$archive")
fi

# A new build, a new JDK (the archive's name) or new flags (this script) make a new archive.
if [[ ! -f "$archive" || "$jar" -nt "$archive" || "${BASH_SOURCE[0]}" -nt "$archive" ]]; then
  echo "launch.sh: extracting $service and training its class archive on Java $full_version" >&2
  rm -rf "$dir"
  "$java" -Djarmode=tools -jar "$jar" extract --destination "$dir" >/dev/null
  # The archive records the class path, so the training names the jar as the start below does. The clients need a
  # region; nothing listens on port 9 and no instance metadata is asked for: were the refresh to call AWS, the
  # training would fail here rather than pass.
  AWS_REGION="${AWS_REGION:-us-east-1}" AWS_ENDPOINT_URL=http://127.0.0.1:9 AWS_EC2_METADATA_DISABLED=true SERVER_PORT=0 \
    "$java" "${flags[@]}" "${train[@]}" -Dspring.context.exit=onRefresh -jar "$dir/$service.jar" >"$dir/training.log" 2>&1 ||
    { rm -f "$archive"; echo "launch.sh: the training run failed; see $dir/training.log" >&2; exit 1; }
fi
$prepare_only && exit 0

exec "$java" "${flags[@]}" "${use[@]}" -jar "$dir/$service.jar" "$@"
