#!/bin/sh
# Install the Debian packages dyad needs to build and test.
# Usage: scripts/install-deps.sh   (as root, or with sudo available)
set -e
PKGS="build-essential pkg-config clang time zstd gzip libjansson-dev libutf8proc-dev zlib1g-dev libzstd-dev libsqlite3-dev sqlite3 nettle-dev libxml2-dev libgeonames-dev iso-codes libclang-rt-14-dev libtsan2 valgrind cppcheck"
SUDO=
[ "$(id -u)" -eq 0 ] || SUDO=sudo
missing=
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
done
if [ -n "$missing" ]; then
	export DEBIAN_FRONTEND=noninteractive
	$SUDO apt-get update -qq
	$SUDO apt-get install -y -qq --no-install-recommends $missing
fi
echo "install-deps: all packages present"
