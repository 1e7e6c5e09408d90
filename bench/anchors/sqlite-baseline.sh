#!/usr/bin/env bash
# The plain-SQLite anchors of issue 3, re-measured on a data folder: sqlite3's own `.import` of every file
# into one raw TEXT table (no validation, no deduplication, no index), then the five metrics as plain
# GROUP BY queries over that table, each timed by the sqlite3 shell (.timer).
#   bash bench/anchors/sqlite-baseline.sh DATA_DIR [DB_FILE]     (SKIP_IMPORT=1 re-times the queries on an existing DB_FILE)
set -euo pipefail
data=${1:?usage: sqlite-baseline.sh DATA_DIR [DB_FILE]}
db=${2:-$(mktemp -u /tmp/sqlite-baseline-XXXXXX.db)}
[ "${SKIP_IMPORT:-}" = 1 ] || rm -f "$db" "$db-wal" "$db-shm"

script=$(mktemp)
trap 'rm -f "$script"' EXIT
{
  echo "CREATE TABLE raw(event_id TEXT, merchant_id TEXT, event_timestamp TEXT, product TEXT, event_type TEXT,"
  echo "  amount TEXT, status TEXT, channel TEXT, region TEXT, merchant_tier TEXT);"
  find "$data" -type f -iname '*.csv' | sort | while read -r f; do echo ".import --csv --skip 1 '$f' raw"; done
} >"$script"

if [ "${SKIP_IMPORT:-}" = 1 ] && [ -s "$db" ]; then :; else
  start=$(date +%s.%N)
  sqlite3 "$db" <"$script"
  end=$(date +%s.%N)
  rows=$(sqlite3 "$db" 'SELECT count(*) FROM raw')
  echo "import_seconds $(echo "$end - $start" | bc) rows $rows db_bytes $(stat -c %s "$db")"
fi

run() {
  local name=$1 sql=$2
  local t
  t=$(printf '.timer on\n%s\n' "$sql" | sqlite3 "$db" 2>&1 | grep -o 'real [0-9.]*' | tail -1 || true)
  echo "$name ${t#real } s"
}
run top_merchant "SELECT merchant_id, sum(CAST(amount AS REAL)) v FROM raw WHERE status='SUCCESS' AND amount GLOB '[0-9]*' GROUP BY merchant_id ORDER BY v DESC, merchant_id LIMIT 10;"
run monthly_active_merchants "SELECT substr(event_timestamp,1,7) m, count(DISTINCT merchant_id) FROM raw WHERE status='SUCCESS' AND event_timestamp GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-*' GROUP BY m ORDER BY m;"
run product_adoption "SELECT product, count(DISTINCT merchant_id) c FROM raw WHERE merchant_id <> '' GROUP BY product ORDER BY c DESC, product;"
run kyc_funnel "SELECT event_type, count(DISTINCT merchant_id) FROM raw WHERE product='KYC' AND status='SUCCESS' AND event_type IN ('DOCUMENT_SUBMITTED','VERIFICATION_COMPLETED','TIER_UPGRADE') GROUP BY event_type;"
run failure_rates "SELECT product, round(100.0*sum(status='FAILED')/sum(status IN ('SUCCESS','FAILED')),1) r FROM raw GROUP BY product ORDER BY r DESC, product;"
echo "db $db (remove it when done)"
