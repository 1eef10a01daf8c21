# Makes sure the PostgreSQL the tests use answers on 127.0.0.1:5432, starting the machine's
# cluster if it is installed but stopped. Fails (never skips) when it cannot.
ensure_postgres() {
  local server="${FRONTDESK_TEST_POSTGRES:-postgres://postgres@127.0.0.1:5432}"
  if pg_isready -q -d "$server/postgres" 2>/dev/null; then return 0; fi
  if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
    echo "PostgreSQL is not answering; starting the local cluster" >&2
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
    for _ in $(seq 1 30); do
      pg_isready -q -d "$server/postgres" 2>/dev/null && return 0
      sleep 1
    done
  fi
  echo "error: PostgreSQL is unreachable at $server; the suite runs every store test on it." >&2
  echo "Start it (e.g. pg_ctlcluster <version> main start) or set FRONTDESK_TEST_POSTGRES." >&2
  return 1
}
