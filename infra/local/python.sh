#!/usr/bin/env bash
# The one Python of the local run, the tests, CI and the bench, with infra/local/requirements.txt's pinned versions:
#   infra/local/python.sh         prints the interpreter to use
#   infra/local/python.sh --bin   prints a directory to put first on PATH: python3, aws and cfn-lint on that interpreter
# python3 itself if it already has every pinned version (as where PyPI cannot be reached and they were preinstalled);
# otherwise .local/venv, created with `python3 -m venv` and filled from requirements.txt on first use, then reused
# until requirements.txt changes. PYTHON chooses another python3 to start from.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
requirements="$root/infra/local/requirements.txt"
venv="$root/.local/venv"
bin="$root/.local/bin"
base="${PYTHON:-python3}"

fail() { echo "python.sh: $*" >&2; exit 1; }
command -v "$base" >/dev/null || fail "$base is not installed; the project needs Python 3.9 or later"

# Prints the interpreter's own path if it has every pinned version of requirements.txt, else fails.
has_pinned() {
  "$1" - "$requirements" 2>/dev/null <<'PY'
import importlib.metadata as metadata, re, sys
for line in open(sys.argv[1]):
    pin = re.fullmatch(r"([A-Za-z0-9_.-]+)(?:\[[^]]*\])?==(\S+)", line.split("#")[0].strip())
    if pin and metadata.version(pin[1]) != pin[2]:
        sys.exit(1)
print(sys.executable)
PY
}

mkdir -p "$root/.local"
exec 9>"$root/.local/python.lock"
flock 9 2>/dev/null || true   # two first uses at once must not fill one venv together

if python=$(has_pinned "$base"); then
  :
elif cmp -s "$requirements" "$venv/requirements.txt" && python=$(has_pinned "$venv/bin/python"); then
  :
else
  echo "python.sh: installing infra/local/requirements.txt into .local/venv (once)" >&2
  rm -rf "$venv"
  "$base" -m venv "$venv" >&2 ||
    fail "'$base -m venv' failed; install the venv module (Debian, Ubuntu: apt install python3-venv)"
  "$venv/bin/python" -m pip install -q --disable-pip-version-check -r "$requirements" >&2 ||
    { rm -rf "$venv"; fail "could not install infra/local/requirements.txt (is PyPI reachable?); pip install -r it into $base instead"; }
  cp "$requirements" "$venv/requirements.txt"
  python=$(has_pinned "$venv/bin/python") || fail ".local/venv does not have the pinned versions after installing them"
fi

if [[ "${1:-}" == --bin ]]; then
  # wrappers rather than links: the system python's aws and cfn-lint need not sit next to it
  mkdir -p "$bin"
  printf '#!/usr/bin/env bash\nexec %q "$@"\n' "$python" >"$bin/python3.new"
  printf '#!/usr/bin/env bash\nexec %q -m awscli "$@"\n' "$python" >"$bin/aws.new"
  printf '#!/usr/bin/env bash\nexec %q -c "import sys; sys.argv[0] = \\"cfn-lint\\"; from cfnlint.runner import main; sys.exit(main())" "$@"\n' \
    "$python" >"$bin/cfn-lint.new"
  for tool in python3 aws cfn-lint; do
    chmod +x "$bin/$tool.new" && mv -f "$bin/$tool.new" "$bin/$tool"
  done
  echo "$bin"
else
  echo "$python"
fi
