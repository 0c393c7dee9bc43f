# Sourced by the project's scripts: starts the AWS emulator (moto) on 127.0.0.1 and a free port, points
# the AWS SDK and CLI at it, and stops it when the calling script exits.
free_port() {
  "$TLSRPT_VENV/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
emulator_port=${TLSRPT_EMULATOR_PORT:-$(free_port)}
# TLSRPT_EMULATOR_SCRIPT: a Python file that starts moto's server itself (scripts/bench-day sets it).
if [ -n "${TLSRPT_EMULATOR_SCRIPT:-}" ]; then
  emulator_command=("$TLSRPT_VENV/bin/python" "$TLSRPT_EMULATOR_SCRIPT")
else
  emulator_command=("$TLSRPT_VENV/bin/moto_server")
fi
"${emulator_command[@]}" -H 127.0.0.1 -p "$emulator_port" >"${TMPDIR:-/tmp}/tlsrpt-moto-$emulator_port.log" 2>&1 &
emulator_pid=$!
trap 'kill "$emulator_pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  if "$TLSRPT_VENV/bin/python" -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$emulator_port/moto-api/')" 2>/dev/null; then
    break
  fi
  sleep 0.2
done
export AWS_ENDPOINT_URL="http://127.0.0.1:$emulator_port"
export AWS_REGION=us-east-1
# The emulator accepts any credentials; these are not secrets.
export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing
