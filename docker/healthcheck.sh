#!/bin/bash
# Healthy when GET /health/ready on localhost:$1 answers 200. Plain bash (/dev/tcp): the JRE image
# need not carry curl.
set -euo pipefail
exec 3<>"/dev/tcp/127.0.0.1/${1:?port}"
printf 'GET /health/ready HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
read -r -t 4 status_line <&3
[[ "$status_line" == *" 200 "* ]]
