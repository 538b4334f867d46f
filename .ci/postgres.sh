#!/usr/bin/env bash
# Makes sure the PostgreSQL server of DATABASE_URL answers; starts the local cluster if it is
# installed here and stopped. The test runner creates its own test database.
set -euo pipefail

url="${DATABASE_URL:?DATABASE_URL must be set}"
host=$(python3 -c 'import sys, urllib.parse as u; p = u.urlsplit(sys.argv[1]); print(p.hostname or "127.0.0.1", p.port or 5432)' "$url")
read -r pg_host pg_port <<<"$host"

answers() { python3 - "$pg_host" "$pg_port" <<'PY'
import socket, sys
try:
    socket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=2).close()
except OSError:
    sys.exit(1)
PY
}

answers && exit 0

case "$pg_host" in
    127.0.0.1|localhost|::1) ;;
    *) echo "PostgreSQL at $pg_host:$pg_port does not answer." >&2; exit 1 ;;
esac

if ! command -v pg_lsclusters >/dev/null 2>&1; then
    echo "No PostgreSQL answers on $pg_host:$pg_port and none is installed here." >&2
    echo "Install PostgreSQL or set DATABASE_URL to a server the tests may use." >&2
    exit 1
fi

echo "Starting the local PostgreSQL cluster..."
pg_lsclusters --no-header | while read -r version cluster port status _; do
    if [ "$port" = "$pg_port" ] && [ "$status" != "online" ]; then
        pg_ctlcluster --skip-systemctl-redirect "$version" "$cluster" start
    fi
done

for _ in $(seq 1 30); do
    answers && exit 0
    sleep 1
done
echo "PostgreSQL did not start on $pg_host:$pg_port within 30 s." >&2
exit 1
