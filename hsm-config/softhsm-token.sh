#!/usr/bin/env bash
# Creates a SoftHSM2 token in a directory of its own, for tests, rehearsals and the demo.
#
#   hsm-config/softhsm-token.sh DIR LABEL PIN_FILE
#
# Writes DIR/softhsm2.conf (tokens in DIR/tokens), initialises a token labelled LABEL whose user
# PIN is the content of PIN_FILE, and keeps a random security officer PIN in DIR/so-pin (0600).
# PINs reach pkcs11-tool through environment variables, never through argv. Then use the token
# with: export SOFTHSM2_CONF=DIR/softhsm2.conf
set -euo pipefail

if [[ $# -ne 3 ]]; then
  echo "usage: $0 DIR LABEL PIN_FILE" >&2
  exit 2
fi
dir=$1 label=$2 pin_file=$3
module=${ANCHORHOLD_PKCS11_MODULE:-/usr/lib/softhsm/libsofthsm2.so}

for tool in softhsm2-util pkcs11-tool; do
  if ! command -v "$tool" >/dev/null; then
    echo "$0: $tool is missing; install it with: apt-get install -y softhsm2 opensc" >&2
    exit 1
  fi
done
if [[ ! -r "$pin_file" ]]; then
  echo "$0: cannot read the PIN file '$pin_file'" >&2
  exit 1
fi

mkdir -p "$dir/tokens"
dir=$(cd "$dir" && pwd)
if [[ ! -f "$dir/softhsm2.conf" ]]; then
  cat > "$dir/softhsm2.conf" <<CONF
# SoftHSM2 configuration for one Anchorhold token directory.
directories.tokendir = $dir/tokens
objectstore.backend = file
log.level = ERROR
slots.removable = false
CONF
fi
if [[ ! -f "$dir/so-pin" ]]; then
  (umask 077 && od -An -tx1 -N16 /dev/urandom | tr -d ' \n' > "$dir/so-pin")
fi

export SOFTHSM2_CONF="$dir/softhsm2.conf"
if softhsm2-util --show-slots 2>/dev/null | grep -qE "Label: +$label +\$"; then
  echo "$0: a token labelled '$label' already exists in '$dir'" >&2
  exit 1
fi
# Initialise only SoftHSM2's free slot: without --slot, pkcs11-tool would re-initialise (wipe)
# the first token it finds. SoftHSM2 then moves the new token to a slot of its own.
free_slot=$(pkcs11-tool --module "$module" -L 2>/dev/null \
  | awk '/^Slot [0-9]+ \(0x[0-9a-f]+\)/ { slot = $3 } /token state: +uninitialized/ { print slot }' \
  | tr -d '()' | head -n 1)
if [[ -z "$free_slot" ]]; then
  echo "$0: SoftHSM2 offers no free slot in '$dir'" >&2
  exit 1
fi
ANCHORHOLD_SO_PIN=$(cat "$dir/so-pin") ANCHORHOLD_USER_PIN=$(tr -d '\n' < "$pin_file") \
  bash -c '
    set -euo pipefail
    pkcs11-tool --module "$0" --slot "$2" --init-token --label "$1" \
      --so-pin env:ANCHORHOLD_SO_PIN >/dev/null
    pkcs11-tool --module "$0" --token-label "$1" --login --login-type so \
      --so-pin env:ANCHORHOLD_SO_PIN --init-pin --pin env:ANCHORHOLD_USER_PIN >/dev/null
  ' "$module" "$label" "$free_slot"
echo "token '$label' created; use it with: export SOFTHSM2_CONF=$dir/softhsm2.conf"
