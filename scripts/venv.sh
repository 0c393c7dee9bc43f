# Sourced by the project's scripts and by operators (`source scripts/venv.sh`): creates or updates the
# project-local Python venv (.venv) with the emulator, the independent checkers and the SAM CLI pinned in
# scripts/requirements.txt, and puts its bin/ on PATH, so that `sam` is the pinned one.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
venv="$root/.venv"
stamp="$venv/.requirements.sha256"
want=$(sha256sum "$root/scripts/requirements.txt" | cut -d' ' -f1)
if [ ! -x "$venv/bin/python" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  # `return` when sourced (an operator's shell must survive), `exit` when run.
  command -v python3 >/dev/null || { echo "error: python3 is needed for the emulator (moto) and the SAM CLI" >&2; return 1 2>/dev/null || exit 1; }
  echo "setting up $venv (moto, dkimpy, parsedmarc, cfn-lint, aws-sam-cli)..." >&2
  [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$root/scripts/requirements.txt"
  echo "$want" > "$stamp"
fi
export TLSRPT_VENV="$venv"
case ":$PATH:" in
  *":$venv/bin:"*) ;;
  *) export PATH="$venv/bin:$PATH" ;;
esac
