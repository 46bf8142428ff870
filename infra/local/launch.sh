#!/usr/bin/env bash
# Starts one service the way it is shipped (the Dockerfile does the same):
#   infra/local/launch.sh <service> [args...]    runs <service>/target/<service>.jar, args go to the application
#   infra/local/launch.sh --prepare <service>    only builds what the start needs (done by up.sh and bench/run.sh)
#   infra/local/launch.sh --java                 prints the Java it starts services on (bench/run.sh runs on it too)
#   infra/local/launch.sh --flags                prints the JVM flags it starts them with (and the bench's no-op app)
#   JVM_SETUP=tiered infra/local/launch.sh ...   another of the setups below, which the benchmark compares (case 7)
# The jar is extracted (java -Djarmode=tools ... extract) to <service>/target/launch/ and started from there with
# a class archive made by a training run that stops once the context has refreshed (spring.context.exit=onRefresh,
# before the web server and the SQS listeners start, so it needs no AWS endpoint): on Java 24+ an AOT cache
# (-XX:AOTCache), on Java 17-23 a CDS archive (-XX:SharedArchiveFile). The archive is rebuilt when the jar, the
# JDK or this script changes. Java: $JAVA if set, else the newest of $JAVA_HOME, java on PATH, /usr/lib/jvm/*.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
prepare_only=false print_java=false
[[ "${1:-}" == "--prepare" ]] && { prepare_only=true; shift; }
[[ "${1:-}" == "--java" ]] && print_java=true

# The flags of every start, training included (the Dockerfile uses the same): the serial collector and a 256 MB heap
# (the JVM would otherwise size the heap from the machine's memory; in a container limited to 512 MB it picks the
# serial collector itself). Measured: idle RSS 250-270 MB instead of 285; the frontend after load 326 MB instead of 555.
# And the C1 compiler only (TieredStopAtLevel=1, as the system tests start them): on 2 cores C2 kept compiling the
# container's and the SDK's code for minutes, at 40-50 % of a consumer's CPU after 240,000 messages; with C1 alone
# the JIT went quiet after 45,000 and a message cost 90-125 us of CPU instead of 130-190. The frontend started in
# 1.7-1.9 s instead of 2.5-3.0 (236 MB instead of 250-270) and used as much CPU per event under load or less.
# The other setups, for the benchmark's steady-state comparison: tiered compilation (C2 for hot code, starting on
# Java 25 from the method profiles the training run stored in the AOT cache), and either one with virtual threads
# serving the requests (Spring Boot's spring.threads.virtual.enabled).
setup=${JVM_SETUP:-c1}
case "$setup" in
  c1) flags=(-XX:+UseSerialGC -Xmx256m -XX:TieredStopAtLevel=1) ;;
  tiered) flags=(-XX:+UseSerialGC -Xmx256m) ;;
  c1-virtual) flags=(-XX:+UseSerialGC -Xmx256m -XX:TieredStopAtLevel=1 -Dspring.threads.virtual.enabled=true) ;;
  tiered-virtual) flags=(-XX:+UseSerialGC -Xmx256m -Dspring.threads.virtual.enabled=true) ;;
  *) echo "launch.sh: JVM_SETUP=$setup is none of c1 (the default), tiered, c1-virtual, tiered-virtual" >&2; exit 2 ;;
esac
[[ "${1:-}" == "--flags" ]] && { echo "${flags[*]}"; exit 0; }

home() { dirname "$(dirname "$(readlink -f "$1")")"; }

java_version() { # java -> its version (17.0.15, 25.0.3, ...), from its release file without starting it
  local release
  release="$(home "$1")/release"
  if [[ -f "$release" ]]; then
    sed -n 's/^JAVA_VERSION="\(.*\)"$/\1/p' "$release"
  else
    { "$1" -XshowSettings:properties -version 2>&1 || true; } | sed -n 's/^ *java\.version = //p'
  fi
}

pick_java() {
  if [[ -n "${JAVA:-}" ]]; then
    command -v "$JAVA" || echo "$JAVA"
    return
  fi
  local best="" best_feature=0 candidate version
  for candidate in ${JAVA_HOME:+"$JAVA_HOME/bin/java"} "$(command -v java || true)" /usr/lib/jvm/*/bin/java; do
    [[ -x "$candidate" ]] || continue
    version=$(java_version "$candidate")
    [[ "${version%%.*}" =~ ^[0-9]+$ ]] && ((${version%%.*} > best_feature)) && best=$candidate best_feature=${version%%.*}
  done
  echo "${best:-java}"
}

java=$(pick_java)
version=$(java_version "$java")
feature=${version%%.*}
[[ "$feature" =~ ^[0-9]+$ ]] && ((feature >= 17)) ||
  { echo "launch.sh: found no Java 17 or later (tried $java; set JAVA or JAVA_HOME)" >&2; exit 1; }
$print_java && { echo "$java"; exit 0; }
service=${1:?usage: launch.sh [--prepare] <service> [args...] | launch.sh --java | launch.sh --flags}
shift
jar="$root/$service/target/$service.jar"
dir="$root/$service/target/launch"
[[ -f "$jar" ]] || { echo "launch.sh: $jar is missing; build it first (./mvnw -DskipTests package)" >&2; exit 1; }

# Named after the setup and the JDK: an archive serves only the JVM and the flags that made it.
name="$dir/$service-$setup-$(basename "$(home "$java")")-$version"
if ((feature >= 24)); then
  archive=$name.aot train=(-XX:AOTCacheOutput="$name.aot") use=(-XX:AOTCache="$name.aot")
else
  archive=$name.jsa train=(-XX:ArchiveClassesAtExit="$name.jsa") use=(-XX:SharedArchiveFile="$name.jsa")
fi

# A new build is extracted afresh (which drops every archive of the old one); a new JDK or setup (the archive's
# name) or new flags (this script) make a new archive.
if [[ ! -f "$dir/$service.jar" || "$jar" -nt "$dir/$service.jar" ]]; then
  echo "launch.sh: extracting $service" >&2
  rm -rf "$dir"
  "$java" -Djarmode=tools -jar "$jar" extract --destination "$dir" >/dev/null
fi
if [[ ! -f "$archive" || "$dir/$service.jar" -nt "$archive" || "${BASH_SOURCE[0]}" -nt "$archive" ]]; then
  echo "launch.sh: training the class archive of $service ($setup) on Java $version ($java)" >&2
  # The archive records the class path, so the training names the jar as the start below does. The clients need a
  # region; nothing listens on port 9 and no instance metadata is asked for: were the refresh to call AWS, the
  # training would fail here rather than pass.
  AWS_REGION="${AWS_REGION:-us-east-1}" AWS_ENDPOINT_URL=http://127.0.0.1:9 AWS_EC2_METADATA_DISABLED=true SERVER_PORT=0 \
    "$java" "${flags[@]}" "${train[@]}" -Dspring.context.exit=onRefresh -jar "$dir/$service.jar" >"$dir/training-$setup.log" 2>&1 ||
    { rm -f "$archive"; echo "launch.sh: the training run failed; see $dir/training-$setup.log" >&2; exit 1; }
fi
$prepare_only && exit 0

exec "$java" "${flags[@]}" "${use[@]}" -jar "$dir/$service.jar" "$@"
