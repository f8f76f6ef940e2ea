#!/usr/bin/env bash
# Runs Tradeoffs locally: command side on :8081, query side on :8082.
# Without MONGODB_URI the command side hosts the embedded MongoDB (mongo-java-server; journal and images under ./data).
#   ./run.sh            build what is missing, start both services; Ctrl-C stops both
#   ./run.sh --demo     also seed the demo district through the command API (once)
#   ./run.sh --query-instances 2
#                       also start a second query side on :8083 against the same store
#   ./run.sh verify-export FILE [--digest POSITION:HASH]
#                       verify an audit export offline (no service, no database); exit 0 when intact
#   ./run.sh benchmark [audit] [live] [options]
#                       run benchmarks (not tests) on their own embedded store and print the measured tables
set -euo pipefail

# The JVM options of each service (the command side's when it hosts the embedded store: EMBEDDED_JAVA_OPTS below).
JAVA_OPTS=${JAVA_OPTS:-"-Xmx1g -Daxoniq.update-checker.disabled=true"}

# ---- verify-export: the offline audit verifier, before anything of the normal startup ----------
# FILE stays relative to the caller's directory; the verifier jar (jackson-core inside) is built when missing or stale.
if [ "${1:-}" = "verify-export" ]; then
  shift
  ROOT=$(cd "$(dirname "$0")" && pwd)
  VERIFIER=$ROOT/shared-events/audit-chain/target/audit-chain-0.1.0-SNAPSHOT-verifier.jar
  if [ ! -f "$VERIFIER" ] || [ -n "$(find "$ROOT/shared-events/audit-chain/src" "$ROOT/shared-events/audit-chain/pom.xml" \
      -newer "$VERIFIER" -type f 2>/dev/null | head -1)" ]; then
    echo "Building the audit verifier (mvn -B -q -DskipTests package -pl shared-events/audit-chain -am)..." >&2
    mvn -B -q -f "$ROOT/pom.xml" -DskipTests package -pl shared-events/audit-chain -am >&2
  fi
  exec java -cp "$VERIFIER" org.tradeoffs.auditchain.VerifyExport "$@"
fi

# ---- benchmark: measured numbers, not tests (see "Benchmarks" in the README) --------------------
# The benchmark jar is built when missing or stale; every argument goes to it (./run.sh benchmark --help).
if [ "${1:-}" = "benchmark" ]; then
  shift
  ROOT=$(cd "$(dirname "$0")" && pwd)
  BENCHMARK=$ROOT/frontend-contract/benchmark/target/benchmark-0.1.0-SNAPSHOT-exec.jar
  QUERY_JAR=$ROOT/query-side/target/query-side-0.1.0-SNAPSHOT-exec.jar
  if [ ! -f "$BENCHMARK" ] || [ ! -f "$QUERY_JAR" ] || [ -n "$(find "$ROOT/pom.xml" "$ROOT/shared-events" "$ROOT/query-side/src" "$ROOT/query-side/pom.xml" \
      "$ROOT/command-side/src" "$ROOT/command-side/pom.xml" "$ROOT/frontend-contract/benchmark/src" "$ROOT/frontend-contract/benchmark/pom.xml" \
      -name target -prune -o -type f -newer "$BENCHMARK" -print 2>/dev/null | head -1)" ]; then
    echo "Building the benchmark (mvn -B -q -DskipTests package -pl frontend-contract/benchmark -am)..." >&2
    mvn -B -q -f "$ROOT/pom.xml" -DskipTests package -pl frontend-contract/benchmark -am >&2
  fi
  # The command side, the store and the clients share this JVM (the live benchmark starts the query side in its own,
  # from its jar with JAVA_OPTS, as below): with the default two JIT compiler threads on two cores, thousands of hot
  # methods still wait for the optimizing compiler minutes in (see "Live collaboration" in the README).
  # G1's pause target as for the JVM hosting the embedded store below. The heap is committed and touched at start, as a
  # long-running service's is once its heap has grown: otherwise the measured phases pay the kernel for the pages the
  # heap grows into while the benchmark's store grows by minutes what a district's grows by in months.
  BENCHMARK_JAVA_OPTS=${BENCHMARK_JAVA_OPTS:-"-Xms4g -Xmx4g -XX:+AlwaysPreTouch -XX:CICompilerCount=4 -XX:MaxGCPauseMillis=25"}
  # shellcheck disable=SC2086
  exec java $BENCHMARK_JAVA_OPTS -Dtradeoffs.benchmark.query-side-jar="$QUERY_JAR" \
    -Dtradeoffs.benchmark.query-side-java-opts="$JAVA_OPTS" -jar "$BENCHMARK" "$@"
fi

cd "$(dirname "$0")"

DEMO=false
QUERY_INSTANCES=1
while [ $# -gt 0 ]; do
  case "$1" in
    --demo) DEMO=true ;;
    --query-instances) QUERY_INSTANCES=${2:-}; shift ;;
    --query-instances=*) QUERY_INSTANCES=${1#*=} ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (try --help)" >&2; exit 2 ;;
  esac
  shift
done
case "$QUERY_INSTANCES" in
  1|2) ;;
  *) echo "--query-instances takes 1 or 2, not '$QUERY_INSTANCES'" >&2; exit 2 ;;
esac

VERSION=0.1.0-SNAPSHOT
COMMAND_JAR=command-side/target/command-side-$VERSION-exec.jar
QUERY_JAR=query-side/target/query-side-$VERSION-exec.jar
COMMAND_URL=${COMMAND_URL:-http://localhost:8081}
QUERY_URL=${QUERY_URL:-http://localhost:8082}
SECOND_QUERY_URL=http://localhost:8083

needs_build() {
  [ -f "$COMMAND_JAR" ] && [ -f "$QUERY_JAR" ] || return 0
  # sources only: build output under target/ (e.g. the audit verifier's jar) does not count
  [ -n "$(find pom.xml shared-events command-side/src command-side/pom.xml query-side/src query-side/pom.xml \
      -name target -prune -o -type f -newer "$COMMAND_JAR" -print 2>/dev/null | head -1)" ] && return 0
  [ -n "$(find query-side/src query-side/pom.xml -newer "$QUERY_JAR" -type f 2>/dev/null | head -1)" ]
}

if needs_build; then
  echo "Building (mvn -B -q -DskipTests install)..."
  mvn -B -q -DskipTests install
fi

# the command side hosting the embedded store: it keeps all the store's data in its heap, and with G1's default pause
# target (200 ms) a heap grown to almost 4 GB (the live benchmark's) got a young generation of 2 GB, collected in
# 150-170 ms each time; every command, and every read of the store by the query side, waits a pause out: G1 aims at
# 25 ms (the live benchmark's pauses there: at most 26-29 ms, against 46-49 ms at 50)
EMBEDDED_JAVA_OPTS=${EMBEDDED_JAVA_OPTS:-"-Xmx4g -XX:MaxGCPauseMillis=25 -Daxoniq.update-checker.disabled=true"}
COMMAND_JAVA_OPTS=$JAVA_OPTS
COMMAND_ARGS=()
if [ -z "${MONGODB_URI:-}" ]; then
  mkdir -p data
  COMMAND_JAVA_OPTS=$EMBEDDED_JAVA_OPTS
  COMMAND_ARGS+=(--tradeoffs.mongodb.embedded.enabled=true --tradeoffs.mongodb.embedded.data-directory=./data)
  echo "Using the embedded MongoDB (data in ./data). Set MONGODB_URI to use a real MongoDB."
else
  echo "Using MongoDB at MONGODB_URI."
fi

PIDS=()
stop() {
  trap - INT TERM EXIT
  echo "Stopping..."
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop INT TERM EXIT

wait_healthy() {
  local name=$1 url=$2 pid=$3
  for _ in $(seq 1 180); do
    if curl -fs "$url/actuator/health" >/dev/null 2>&1; then echo "$name is up at $url"; return 0; fi
    if ! kill -0 "$pid" 2>/dev/null; then echo "$name exited; see its log above" >&2; exit 1; fi
    sleep 0.5
  done
  echo "$name did not become healthy in 90 s" >&2
  exit 1
}

# ---- demo seed, through the public command API --------------------------------------------
post() { # user path json [extra curl args...] -> prints the response body, fails on HTTP errors
  local user=$1 path=$2 body=$3; shift 3
  curl -fsS -u "$user:demo" -H 'Content-Type: application/json' "$@" -d "$body" "$COMMAND_URL$path"
}
id_of() { sed -E 's/.*"id":"([^"]+)".*/\1/'; }

seed_demo() {
  if curl -fsS -u admin:demo "$QUERY_URL/api/districts" | grep -q 'Santa Ana Unified (demo)'; then
    echo "Demo district already seeded."
    return
  fi
  echo "Seeding the demo district..."
  local district cycle coaches newcomers absence
  district=$(post admin /api/districts '{"name":"Santa Ana Unified (demo)","enrollment":55000}' | id_of)
  post admin "/api/districts/$district/members" '{"username":"steering","role":"STEERING_COMMITTEE"}' >/dev/null
  post admin "/api/districts/$district/members" '{"username":"designer","role":"DESIGN_TEAM"}' >/dev/null
  post admin "/api/districts/$district/members" '{"username":"analyst","role":"ROI_ANALYST"}' >/dev/null
  post admin "/api/districts/$district/members" '{"username":"auditor","role":"AUDITOR"}' >/dev/null
  cycle=$(post steering "/api/districts/$district/cycles" '{"name":"SY 2027-28"}' | id_of)
  coaches=$(post designer "/api/cycles/$cycle/priorities" '{"title":"K-5 early literacy coaches","description":"12 FTE instructional coaches across elementary schools","theoryOfAction":"Job-embedded coaching improves K-5 reading instruction, which raises third-grade reading proficiency","fundability":"ACTION","estimatedAnnualCost":"1250000.00","lcapGoal":"LCAP Goal 1: every student reads at grade level"}' | id_of)
  post steering "/api/cycles/$cycle/priorities/$coaches/decision" '{"outcome":"APPROVED","rationale":"Central to LCAP Goal 1; fundable from transportation and custodial savings"}' >/dev/null
  newcomers=$(post designer "/api/cycles/$cycle/priorities" '{"title":"English-learner newcomer support","description":"Newcomer centers at two high schools","theoryOfAction":"Dedicated newcomer staff accelerate English proficiency in the first two years","fundability":"ACTION","estimatedAnnualCost":"640000.00","lcapGoal":"LCAP Goal 2: English learners progress one level a year"}' | id_of)
  post designer "/api/cycles/$cycle/priorities/$newcomers" '{"title":"English-learner newcomer support","description":"Newcomer centers at three high schools","theoryOfAction":"Dedicated newcomer staff accelerate English proficiency in the first two years","fundability":"ACTION","estimatedAnnualCost":"910000.00","lcapGoal":"LCAP Goal 2: English learners progress one level a year"}' -X PUT -H 'If-Match: "1"' >/dev/null
  absence=$(post designer "/api/cycles/$cycle/priorities" '{"title":"Raise graduation rates","description":"District-wide goal","theoryOfAction":"To be refined into fundable actions","fundability":"GOAL","estimatedAnnualCost":"0","lcapGoal":null}' | id_of)
  post designer "/api/cycles/$cycle/priorities/$absence/withdrawal" '{"reason":"A goal, not a fundable action; folded into the counseling priority next cycle"}' >/dev/null
  seed_savings "$cycle"
  seed_tradeoffs "$cycle" "$coaches"
  echo "Demo district $district, cycle $cycle: three priorities (approved, revised, withdrawn);"
  echo "  savings: #1 transportation sized, owned, partly captured, one milestone overdue;"
  echo "  #4 custodial contract opening for renegotiation today; #26 teacher absences screened out;"
  echo "  community budget survey input, and an approved package funding the coaches from those savings."
}

seed_tradeoffs() {
  local cycle=$1 coaches=$2 transport custodial parents community staff students package
  transport=$(opportunity_id "$cycle" 1)
  custodial=$(opportunity_id "$cycle" 4)
  local on; on=$(TZ=$DEMO_TZ date -d '-20 days' +%F)
  parents=$(post designer "/api/cycles/$cycle/stakeholder-inputs" "{\"group\":\"PARENTS\",\"channel\":\"SURVEY\",\"receivedOn\":\"$on\",\"summary\":\"Community budget survey: keep early-literacy coaching; longer bus rides are acceptable if routes stay under 45 minutes\",\"respondents\":689,\"links\":[{\"kind\":\"PRIORITY\",\"id\":\"$coaches\",\"stance\":\"SUPPORT\"},{\"kind\":\"OPPORTUNITY\",\"id\":\"$transport\",\"stance\":\"CONCERN\"}],\"themes\":[\"early literacy\",\"transportation\"]}" | id_of)
  community=$(post designer "/api/cycles/$cycle/stakeholder-inputs" "{\"group\":\"COMMUNITY\",\"channel\":\"SURVEY\",\"receivedOn\":\"$on\",\"summary\":\"Community budget survey: reading by third grade is the top priority\",\"respondents\":765,\"links\":[{\"kind\":\"PRIORITY\",\"id\":\"$coaches\",\"stance\":\"SUPPORT\"}],\"themes\":[\"early literacy\"]}" | id_of)
  staff=$(post designer "/api/cycles/$cycle/stakeholder-inputs" "{\"group\":\"CLASSIFIED_STAFF\",\"channel\":\"SURVEY\",\"receivedOn\":\"$on\",\"summary\":\"Community budget survey: custodial night-shift consolidation worries staff\",\"respondents\":416,\"links\":[{\"kind\":\"OPPORTUNITY\",\"id\":\"$custodial\",\"stance\":\"OPPOSE\"}],\"themes\":[\"custodial\"]}" | id_of)
  students=$(post designer "/api/cycles/$cycle/stakeholder-inputs" "{\"group\":\"STUDENTS\",\"channel\":\"FOCUS_GROUP\",\"receivedOn\":\"$on\",\"summary\":\"Student focus group: start high school later, run buses in tiers\",\"respondents\":172,\"links\":[{\"kind\":\"OPPORTUNITY\",\"id\":\"$transport\",\"stance\":\"IDEA\"}],\"themes\":[\"bell schedule\"]}" | id_of)
  package=$(post designer "/api/cycles/$cycle/tradeoffs" "{\"title\":\"Fund early-literacy coaches from operations savings\",\"narrative\":\"Redirect transportation routing and custodial contract savings, plus Medicaid reimbursement, to K-5 literacy coaching\",\"investments\":[{\"priorityId\":\"$coaches\",\"amount\":\"1250000.00\"}],\"funding\":[{\"opportunityId\":\"$transport\",\"amount\":\"700000.00\"},{\"opportunityId\":\"$custodial\",\"amount\":\"300000.00\"},{\"description\":\"Medicaid reimbursement catch-up\",\"amount\":\"250000.00\"}],\"consideredInputs\":[\"$parents\",\"$community\",\"$staff\",\"$students\"]}" | id_of)
  post steering "/api/cycles/$cycle/tradeoffs/$package/submission" '{"quorum":1,"majority":"SIMPLE"}' >/dev/null
  post steering "/api/cycles/$cycle/tradeoffs/$package/votes" '{"vote":"APPROVE","comment":"What the community asked for, funded without touching classrooms"}' >/dev/null
}

# id of catalog opportunity number $2 in cycle $1, from the query side (waits until the cycle is projected)
opportunity_id() {
  local list id
  for _ in $(seq 1 40); do
    list=$(curl -fsS -u designer:demo "$QUERY_URL/api/cycles/$1/opportunities" 2>/dev/null || true)
    id=$(printf '%s' "$list" | grep -o "\"id\":\"[^\"]*\",\"cycleId\":\"[^\"]*\",\"number\":$2," | sed -E 's/^"id":"([^"]+)".*/\1/')
    if [ -n "$id" ]; then echo "$id"; return; fi
    sleep 0.25
  done
  echo "opportunity #$2 of cycle $1 never appeared on the query side" >&2
  return 1
}

# the follow-ups' default zone (tradeoffs.followups.zone), so "today" in the seed is the district's today
DEMO_TZ=${DEMO_TZ:-America/Los_Angeles}

seed_savings() {
  local cycle=$1 o transport custodial absences routes fuel buses gallons hours
  o="/api/cycles/$cycle/opportunities"
  transport=$(opportunity_id "$cycle" 1)
  custodial=$(opportunity_id "$cycle" 4)
  absences=$(opportunity_id "$cycle" 26)

  post designer "$o/$transport/screening" '{"decision":"DEEP_DIVE","reason":"Largest non-instructional cost; routes last redrawn in 2009"}' >/dev/null
  routes=$(post analyst "$o/$transport/budget-lines" '{"path":"Operations / Transportation / General education routes","annualAmount":"4180000.00","fte":"52"}' | id_of)
  fuel=$(post analyst "$o/$transport/budget-lines" '{"path":"Operations / Transportation / Fuel","annualAmount":"620000.00"}' | id_of)
  buses=$(post analyst "$o/$transport/cost-drivers" "{\"name\":\"Buses\",\"unit\":\"bus\",\"quantity\":40,\"unitCost\":\"95000.00\",\"trend\":\"RISING\",\"budgetLineId\":\"$routes\"}" | id_of)
  gallons=$(post analyst "$o/$transport/cost-drivers" "{\"name\":\"Diesel\",\"unit\":\"gallon\",\"quantity\":155000,\"unitCost\":\"4.00\",\"trend\":\"FLAT\",\"budgetLineId\":\"$fuel\"}" | id_of)
  post analyst "$o/$transport/constraints" '{"kind":"DISTRICT_PREFERENCE","rigid":false,"description":"Board prefers that no student rides longer than 45 minutes"}' >/dev/null
  post analyst "$o/$transport/sizings" "{\"adjustments\":[{\"driverId\":\"$buses\",\"conservativeQuantity\":38,\"ambitiousQuantity\":35}],\"ease\":4,\"notes\":\"Route consolidation only\"}" >/dev/null
  post analyst "$o/$transport/sizings" "{\"adjustments\":[{\"driverId\":\"$buses\",\"conservativeQuantity\":36,\"ambitiousQuantity\":32},{\"driverId\":\"$gallons\",\"conservativeQuantity\":139500,\"ambitiousQuantity\":124000}],\"ease\":3,\"notes\":\"Tiered bell schedule lets each bus run two routes\"}" >/dev/null
  post steering "$o/$transport/owner" '{"username":"designer"}' -X PUT >/dev/null
  post designer "$o/$transport/milestones" "{\"title\":\"Board approves the tiered bell schedule\",\"dueDate\":\"$(TZ=$DEMO_TZ date -d '-10 days' +%F)\"}" >/dev/null
  post designer "$o/$transport/milestones" "{\"title\":\"New routes published to families\",\"dueDate\":\"$(TZ=$DEMO_TZ date -d '+60 days' +%F)\"}" >/dev/null
  post designer "$o/$transport/captures" "{\"amount\":\"190000.00\",\"capturedOn\":\"$(TZ=$DEMO_TZ date -d '-30 days' +%F)\",\"note\":\"Four routes retired after winter break\"}" >/dev/null

  post designer "$o/$custodial/screening" '{"decision":"SHALLOW_DIVE","reason":"Contract cost per square foot above peer districts"}' >/dev/null
  post analyst "$o/$custodial/budget-lines" '{"path":"Operations / Facilities / Custodial contract","annualAmount":"2350000.00"}' >/dev/null
  hours=$(post analyst "$o/$custodial/cost-drivers" '{"name":"Contracted custodial hours","unit":"hour","quantity":188000,"unitCost":"12.50","trend":"RISING"}' | id_of)
  post analyst "$o/$custodial/constraints" "{\"kind\":\"CONTRACT\",\"rigid\":true,\"description\":\"Custodial services contract, three-year term\",\"renegotiationDate\":\"$(TZ=$DEMO_TZ date +%F)\"}" >/dev/null
  post analyst "$o/$custodial/sizings" "{\"adjustments\":[{\"driverId\":\"$hours\",\"conservativeQuantity\":176000,\"ambitiousQuantity\":164000}],\"ease\":2,\"notes\":\"Night-shift consolidation at the renegotiation\"}" >/dev/null

  post designer "$o/$absences/screening" '{"decision":"SCREENED_OUT","reason":"Substitute pay is fixed by the bargaining agreement through 2029"}' >/dev/null
}

URLS=("$COMMAND_URL" "$QUERY_URL")
[ "$QUERY_INSTANCES" = 2 ] && URLS+=("$SECOND_QUERY_URL")
for url in "${URLS[@]}"; do
  if curl -s -o /dev/null "$url"; then
    echo "Something already listens at $url; stop it first (another ./run.sh?)" >&2
    exit 1
  fi
done

# shellcheck disable=SC2086
java $COMMAND_JAVA_OPTS -jar "$COMMAND_JAR" "${COMMAND_ARGS[@]}" &
PIDS+=($!)
wait_healthy "command side" "$COMMAND_URL" "${PIDS[0]}"

# shellcheck disable=SC2086
java $JAVA_OPTS -jar "$QUERY_JAR" &
PIDS+=($!)
wait_healthy "query side" "$QUERY_URL" "${PIDS[1]}"

if [ "$QUERY_INSTANCES" = 2 ]; then
  # Same store, same token store: the two instances share the projection work and push every change alike.
  # shellcheck disable=SC2086
  java $JAVA_OPTS -jar "$QUERY_JAR" --server.port=8083 &
  PIDS+=($!)
  wait_healthy "second query side" "$SECOND_QUERY_URL" "${PIDS[2]}"
fi

if $DEMO; then
  seed_demo
fi

echo "Ready. Users admin, steering, designer, analyst, auditor, outsider; password: demo. Ctrl-C stops all."
# Everything stops when the command side (with the embedded store) or the last query side exits. With two query
# sides one may stop, or be killed to watch the other take its processors over, and the rest keeps running.
while true; do
  wait -n "${PIDS[@]}" 2>/dev/null || true
  if ! kill -0 "${PIDS[0]}" 2>/dev/null; then echo "The command side exited; stopping the rest." >&2; break; fi
  LIVE=("${PIDS[0]}")
  for pid in "${PIDS[@]:1}"; do
    if kill -0 "$pid" 2>/dev/null; then LIVE+=("$pid"); else echo "The query side with pid $pid exited." >&2; fi
  done
  if [ ${#LIVE[@]} -eq 1 ]; then echo "No query side is left; stopping the rest." >&2; break; fi
  echo "The rest keeps running; Ctrl-C stops all." >&2
  PIDS=("${LIVE[@]}")
done
