# Sourced by scripts/test: the Debian packages the tests drive for real, installed when missing (nothing is
# skipped without them): headless Chromium and Node for the dashboard's browser test (DashboardBrowserIT,
# Playwright pinned in cli/src/test/browser), Exim for the Exim path (EximForwardingIT), and make, which
# runs the functions' Makefiles for sam build and for the runtime test (FunctionsUnderLambdaRuntimeIT).
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v npm >/dev/null 2>&1 || need+=(nodejs npm)
[ -x /usr/sbin/exim4 ] || need+=(exim4-daemon-heavy)
command -v make >/dev/null 2>&1 || need+=(make)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]} (Debian packages)..." >&2
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}"
fi
npm ci --prefix cli/src/test/browser --no-audit --no-fund --loglevel=error >&2
