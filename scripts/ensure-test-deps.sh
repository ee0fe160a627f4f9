#!/usr/bin/env bash
# Installs what `npm test` needs beyond npm packages, on a Debian machine where we are root:
# Chromium (browser tests), the PostgreSQL 15 server (integration tests on PostgreSQL) and
# rsyslog with its TLS driver (the audit trail's syslog witness is tested against rsyslogd),
# onvif-tools (libonvif's onvif-util, a client the ONVIF simulator is tested against), and
# GStreamer's gst-launch-1.0 with rtspsrc (a client the RTSP re-stream is tested against).
# Idempotent and quiet when everything is already there.
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -x /usr/lib/postgresql/15/bin/initdb ] || need+=(postgresql-15)
[ -x /usr/sbin/rsyslogd ] || need+=(rsyslog)
[ -n "$(find /usr/lib -path '*rsyslog/lmnsd_gtls.so' -print -quit 2>/dev/null)" ] || need+=(rsyslog-gnutls)
[ -x /usr/bin/onvif-util ] || need+=(onvif-tools)
[ -x /usr/bin/gst-launch-1.0 ] || need+=(gstreamer1.0-tools)
[ -n "$(find /usr/lib -path '*gstreamer-1.0/libgstrtsp.so' -print -quit 2>/dev/null)" ] || need+=(gstreamer1.0-plugins-good)
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-test-deps: missing ${need[*]}; install them (Debian: apt-get install ${need[*]})" >&2
  exit 1
fi
echo "ensure-test-deps: installing ${need[*]} from Debian"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" fonts-dejavu-core >/dev/null
