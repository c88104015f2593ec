#!/usr/bin/env bash
# Makes sure what the tests need is on this machine: Debian's chromium for the browser tests,
# and PostgreSQL and Redis answering on their standard ports. Installs or starts what is missing.
set -euo pipefail

if [[ ! -x /usr/bin/chromium ]]; then
  echo "[env] installing chromium from Debian's packages"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

if ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  echo "[env] starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
  for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
fi
pg_isready -h 127.0.0.1 -p 5432 || { echo "[env] PostgreSQL does not answer on 127.0.0.1:5432" >&2; exit 1; }

if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  echo "[env] starting Redis"
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log
  for _ in $(seq 1 30); do redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 && break; sleep 1; done
fi
redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null || { echo "[env] Redis does not answer on 127.0.0.1:6379" >&2; exit 1; }
echo "[env] chromium $(/usr/bin/chromium --version 2>/dev/null | awk '{print $2}'), PostgreSQL and Redis ready"
