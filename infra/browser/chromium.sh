#!/usr/bin/env bash
# Ensures Debian's Chromium and ChromeDriver for the browser tests (no browser download at test
# time: Selenium drives /usr/bin/chromium through /usr/bin/chromedriver).
#   infra/browser/chromium.sh up | status
set -euo pipefail
# shellcheck source=../lib/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

case "${1:-up}" in
  up)
    if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
      ok "Chromium and ChromeDriver present ($(chromium --version 2>/dev/null | head -n 1))"
    else
      apt_install chromium chromium-driver
      ok "installed $(chromium --version 2>/dev/null | head -n 1)"
    fi
    ;;
  status)
    printf '%-16s %-5s %s\n' chromium "$(command -v chromium >/dev/null && echo ok || echo missing)" \
      "$(command -v chromedriver >/dev/null && chromedriver --version 2>/dev/null | head -n 1 || echo 'chromedriver missing')"
    ;;
  *) echo "usage: $0 up|status" >&2; exit 2 ;;
esac
