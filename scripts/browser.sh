# Sourced by scripts/test: headless Chromium from Debian and Playwright (pinned in cli/src/test/browser)
# for the dashboard's browser test (DashboardBrowserIT). Installs what is missing; skips nothing.
if [ ! -x /usr/bin/chromium ] || ! command -v npm >/dev/null 2>&1; then
  echo "installing chromium, node and npm (Debian packages)..." >&2
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium nodejs npm
fi
npm ci --prefix cli/src/test/browser --no-audit --no-fund --loglevel=error >&2
