#!/bin/sh
# Installs the Debian packages listed in scripts/deps.txt that are not installed yet.
# Idempotent: when everything is present it does nothing and needs no network.
# Usage: scripts/install-deps.sh [GROUP...]   (default: build test)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
groups=${*:-build test}

want=$(awk -v groups=" $groups " '
    /^[[:space:]]*(#|$)/ { next }
    { for (i = 2; i <= NF; i++) if (index(groups, " " $i " ")) { print $1; next } }
' "$here/deps.txt")

missing=
for pkg in $want; do
    status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
    case "$status" in
    *" installed") ;;
    *) missing="$missing $pkg" ;;
    esac
done
[ -n "$missing" ] || exit 0

if [ "$(id -u)" -eq 0 ]; then sudo=; else sudo=sudo; fi
echo "install-deps: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
# A fresh machine has empty package lists; refresh them when they are missing or the
# install cannot find a package.
if ! ls /var/lib/apt/lists/*_Packages* >/dev/null 2>&1; then
    $sudo apt-get update
fi
# shellcheck disable=SC2086
if ! $sudo apt-get install -y --no-install-recommends $missing; then
    $sudo apt-get update
    $sudo apt-get install -y --no-install-recommends $missing
fi
