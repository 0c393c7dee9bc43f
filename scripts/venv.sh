# Sourced by the project's scripts: creates or updates the project-local Python venv
# (.venv) with the emulator and the independent checkers pinned in scripts/requirements.txt.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
venv="$root/.venv"
stamp="$venv/.requirements.sha256"
want=$(sha256sum "$root/scripts/requirements.txt" | cut -d' ' -f1)
if [ ! -x "$venv/bin/python" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  command -v python3 >/dev/null || { echo "error: python3 is needed for the emulator (moto)" >&2; exit 1; }
  echo "setting up $venv (moto, dkimpy, parsedmarc, cfn-lint, aws-sam-cli)..." >&2
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$root/scripts/requirements.txt"
  echo "$want" > "$stamp"
fi
export TLSRPT_VENV="$venv"
