#!/usr/bin/env bash
# Watchdog for the harness's child processes. The harness writes "add <pid>" / "del <pid>" lines on
# our stdin. When stdin closes (the harness exited, even by SIGKILL), every PID still registered is
# stopped: SIGTERM, then SIGKILL after a grace period. Only PIDs the harness registered are touched.
trap '' INT TERM
pids=" "
while read -r op pid; do
  case "$op" in
    add) pids="$pids$pid " ;;
    del) pids="${pids/ $pid / }" ;;
  esac
done
live=""
for p in $pids; do kill -TERM "$p" 2>/dev/null && live="$live $p"; done
[ -z "$live" ] && exit 0
sleep 1
for p in $live; do kill -KILL "$p" 2>/dev/null; done
exit 0
