#!/usr/bin/env bash
# Capacity benchmark of the Creatio simulator. Not part of CI.
#
# Starts the packaged simulator on 127.0.0.1, seeds 1,000,000 leads, reports the heap they use,
# then measures with wrk (Debian package "wrk"):
#   1. single-entity GET throughput   GET /0/odata/Lead(<random id>)
#   2. 1,000-row page latency, incremental pull: $filter=ModifiedOn gt <random watermark>
#      &$orderby=ModifiedOn,Id&$top=1000 (one client, then four)
#   3. 1,000-row page latency with $skip up to 100,000 (the offset paging Creatio forces on clients)
# Every load runs for BENCH_DURATION against loopback only, then the simulator is stopped.
#
# Build first:  flock /tmp/nia-build.lock ./mvnw -B -q -pl deploy/creatio-simulator -DskipTests package
# Run:          deploy/creatio-simulator/bench.sh
# Knobs (env):  BENCH_XMX (default 1g), BENCH_LEADS (1000000), BENCH_DURATION (20s), BENCH_PORT (18091)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
jar="$here/target/quarkus-app/quarkus-run.jar"
xmx=${BENCH_XMX:-1g}
leads=${BENCH_LEADS:-1000000}
duration=${BENCH_DURATION:-20s}
port=${BENCH_PORT:-18091}
base="http://127.0.0.1:$port"
work=$(mktemp -d)

[ -f "$jar" ] || { echo "missing $jar: build the module first" >&2; exit 1; }
command -v wrk > /dev/null || { echo "wrk not found: apt-get install -y wrk" >&2; exit 1; }

SIMULATOR_IDENTITY_CLIENTS="bench:bench-only-secret" QUARKUS_HTTP_PORT=$port QUARKUS_HTTP_HOST=127.0.0.1 \
  QUARKUS_LOG_LEVEL=WARN java -Xmx"$xmx" -jar "$jar" > "$work/simulator.log" 2>&1 &
sim=$!
trap 'kill $sim 2> /dev/null || true; wait $sim 2> /dev/null || true; rm -rf "$work"' EXIT

for _ in $(seq 1 60); do
  curl -sf "$base/q/health/ready" > /dev/null && break
  sleep 1
done
curl -sf "$base/q/health/ready" > /dev/null || { cat "$work/simulator.log"; exit 1; }

json() { python3 -c "import sys, json; d = json.load(sys.stdin); print($1)"; }

echo "== simulator -Xmx$xmx, seeding $leads leads"
curl -sf -X POST -H 'Content-Type: application/json' \
  -d "{\"leads\":$leads,\"contacts\":0,\"accounts\":0,\"activities\":0,\"seed\":42}" "$base/sim/seed" \
  | json '"seeded in %d ms" % d["millis"]'
curl -sf "$base/sim/stats?gc=true" \
  | json '"rows: %d leads; heap used after GC: %.0f MiB of max %.0f MiB" % (d["rows"]["Lead"], d["heapUsedBytes"]/2**20, d["heapMaxBytes"]/2**20)'

token=$(curl -sf -d 'grant_type=client_credentials&client_id=bench&client_secret=bench-only-secret' \
  "$base/connect/token" | json 'd["access_token"]')
export TOKEN=$token

# Samples ids and watermarks spread over the whole table (20 pages of 50 rows).
step=$((leads / 20))
for i in $(seq 0 19); do
  curl -sf -H "Authorization: Bearer $token" \
    "$base/0/odata/Lead?\$select=Id,ModifiedOn&\$orderby=ModifiedOn,Id&\$top=50&\$skip=$((i * step))" \
    | json '"\n".join(r["Id"] + " " + r["ModifiedOn"] for r in d["value"])'
done > "$work/samples.txt"
export SAMPLES="$work/samples.txt"

cat > "$work/get.lua" <<'LUA'
local ids = {}
for line in io.lines(os.getenv("SAMPLES")) do ids[#ids + 1] = line:match("^(%S+)") end
local headers = {["Authorization"] = "Bearer " .. os.getenv("TOKEN"), ["Accept"] = "application/json"}
request = function()
  return wrk.format("GET", "/0/odata/Lead(" .. ids[math.random(#ids)] .. ")", headers)
end
LUA
cat > "$work/pull.lua" <<'LUA'
local marks = {}
for line in io.lines(os.getenv("SAMPLES")) do marks[#marks + 1] = line:match("%S+%s+(%S+)") end
local headers = {["Authorization"] = "Bearer " .. os.getenv("TOKEN"), ["Accept"] = "application/json"}
request = function()
  local mark = marks[math.random(#marks)]
  return wrk.format("GET", "/0/odata/Lead?$filter=ModifiedOn%20gt%20" .. mark
    .. "&$orderby=ModifiedOn,Id&$top=1000", headers)
end
LUA
cat > "$work/skip.lua" <<'LUA'
local headers = {["Authorization"] = "Bearer " .. os.getenv("TOKEN"), ["Accept"] = "application/json"}
request = function()
  return wrk.format("GET", "/0/odata/Lead?$orderby=ModifiedOn,Id&$top=1000&$skip=" .. math.random(0, 100000), headers)
end
LUA

echo
echo "== 1. single-entity GET, 2 threads, 32 connections, $duration"
wrk -t2 -c32 -d"$duration" --latency -s "$work/get.lua" "$base" | grep -E 'Requests/sec|Latency|50%|99%|Non-2xx'
echo
echo "== 2a. 1,000-row incremental-pull page, 1 connection, $duration"
wrk -t1 -c1 -d"$duration" --latency -s "$work/pull.lua" "$base" | grep -E 'Requests/sec|Transfer/sec|50%|99%|Non-2xx'
echo
echo "== 2b. 1,000-row incremental-pull page, 4 connections, $duration"
wrk -t2 -c4 -d"$duration" --latency -s "$work/pull.lua" "$base" | grep -E 'Requests/sec|50%|99%|Non-2xx'
echo
echo "== 3. 1,000-row page at \$skip up to 100,000, 1 connection, $duration"
wrk -t1 -c1 -d"$duration" --latency -s "$work/skip.lua" "$base" | grep -E 'Requests/sec|50%|99%|Non-2xx'
echo
curl -sf "$base/sim/stats?gc=true" \
  | json '"heap used after the runs (after GC): %.0f MiB" % (d["heapUsedBytes"]/2**20)'
