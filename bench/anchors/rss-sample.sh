#!/usr/bin/env bash
# Runs a command and reports its peak resident memory (sampled every 100 ms from /proc) and wall time.
# The command's stdout and stderr go to /tmp/rss-out.txt and /tmp/rss-err.txt.
#   bash bench/anchors/rss-sample.sh node_modules/.bin/node out/electron/cli/cli.js import --db /tmp/x.db --json DIR
"$@" > /tmp/rss-out.txt 2> /tmp/rss-err.txt &
pid=$!
peak=0
start=$(date +%s.%N)
while kill -0 "$pid" 2> /dev/null; do
  r=$(awk '/VmRSS/{print $2}' "/proc/$pid/status" 2> /dev/null)
  if [ -n "$r" ] && [ "$r" -gt "$peak" ]; then peak=$r; fi
  sleep 0.1
done
end=$(date +%s.%N)
echo "peak_rss_mb=$((peak / 1024)) wall_seconds=$(echo "$end - $start" | bc)"
