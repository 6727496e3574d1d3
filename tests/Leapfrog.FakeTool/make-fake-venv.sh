#!/bin/sh
# Creates a fake OpenStack-Ansible-style venv for one release and service:
#   ROOT/SERVICE-VERSION/bin/TOOL      (one small wrapper per tool of the service, and python3 for the hop's inspect script)
#   ROOT/SERVICE-VERSION/etc/SERVICE.conf  (mode 0600: [database] connection, [fake] section)
# Each wrapper runs: exec fake-openstack-tool --release RELEASE [--exec-log LOG] TOOL "$@"
# The same as Leapfrog.Testing.FakeToolbox.Create. Prints the venv directory, then the config path.
#
# usage: make-fake-venv.sh --root DIR --release RELEASE --service SERVICE --tool PATH \
#          --connection URL [--api-connection URL] [--exec-log PATH] [--config PATH] [--set key=value]...
#   --tool        the fake-openstack-tool executable (build output of tests/Leapfrog.FakeTool)
#   --connection  mysql+pymysql://USER:PASS@127.0.0.1:PORT/DB (or set FAKE_CONNECTION instead, to keep it out of ps)
#   --set         extra [fake] keys: fail_step, fail_rc, hang_step, crash_step, crash_mode, fault_when,
#                 slow_step, slow_seconds, data_rows, data_error, data_stuck
set -eu

die() { echo "make-fake-venv.sh: $*" >&2; exit 2; }
quote() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }

root= release= service= tool= connection="${FAKE_CONNECTION:-}" api_connection="${FAKE_API_CONNECTION:-}" exec_log= config= extra=
while [ $# -gt 0 ]; do
  [ $# -ge 2 ] || die "option $1 needs a value"
  case "$1" in
    --root) root=$2 ;;
    --release) release=$2 ;;
    --service) service=$2 ;;
    --tool) tool=$2 ;;
    --connection) connection=$2 ;;
    --api-connection) api_connection=$2 ;;
    --exec-log) exec_log=$2 ;;
    --config) config=$2 ;;
    --set)
      case "$2" in
        *=*) extra="$extra${2%%=*} = ${2#*=}
" ;;
        *) die "--set needs key=value" ;;
      esac ;;
    *) die "unknown option $1" ;;
  esac
  shift 2
done
[ -n "$root" ] || die "--root is required"
[ -n "$release" ] || die "--release is required"
[ -n "$service" ] || die "--service is required"
[ -x "$tool" ] || die "--tool must name the fake-openstack-tool executable"
[ -n "$connection" ] || die "--connection (or FAKE_CONNECTION) is required"

case "$service" in
  keystone) tools="keystone-manage keystone-status" ;;
  glance) tools="glance-manage glance-status" ;;
  cinder) tools="cinder-manage cinder-status" ;;
  placement) tools="placement-manage placement-status" ;;
  nova) tools="nova-manage nova-status" ;;
  neutron) tools="neutron-db-manage neutron-status" ;;
  heat) tools="heat-manage heat-status" ;;
  *) die "unknown service '$service' (keystone glance cinder placement nova neutron heat)" ;;
esac

first=${tools%% *}
version=$("$tool" --release "$release" "$first" --version) || die "unknown release '$release'"
venv="$root/$service-$version"
mkdir -p "$venv/bin" "$venv/etc"
[ -n "$config" ] || config="$venv/etc/$service.conf"

log_opt=
[ -z "$exec_log" ] || log_opt=" --exec-log $(quote "$exec_log")"
for t in $tools python3; do
  printf '#!/bin/sh\nexec %s --release %s%s %s "$@"\n' "$(quote "$tool")" "$(quote "$release")" "$log_opt" "$t" > "$venv/bin/$t"
  chmod 0755 "$venv/bin/$t"
done

umask 077
{
  echo "[DEFAULT]"
  echo
  echo "[database]"
  echo "connection = $connection"
  if [ -n "$api_connection" ]; then
    echo
    echo "[api_database]"
    echo "connection = $api_connection"
  fi
  echo
  echo "[fake]"
  [ -z "$exec_log" ] || echo "exec_log = $exec_log"
  printf '%s' "$extra"
} > "$config"

echo "$venv"
echo "$config"
