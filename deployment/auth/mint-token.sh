#!/usr/bin/env bash
# Mints an RS256 bearer token for the SMS, for testing and for bootstrapping before an identity
# provider issues them. Needs openssl. Usage:
#   deployment/auth/mint-token.sh KEY_DIR ISSUER ROLE[,ROLE...] [LIFETIME_SECONDS] > token
# The first run creates KEY_DIR/private.pem and KEY_DIR/public.pem; point the service at the
# public key (MP_JWT_VERIFY_PUBLICKEY_LOCATION=KEY_DIR/public.pem, MP_JWT_VERIFY_ISSUER=ISSUER)
# and keep the private key away from it. Roles: agent, reader, admin.
set -euo pipefail
KEY_DIR=${1:?usage: mint-token.sh KEY_DIR ISSUER ROLE[,ROLE...] [LIFETIME_SECONDS]}
ISSUER=${2:?issuer}
ROLES=${3:?roles, e.g. agent or reader,admin}
LIFETIME=${4:-3600}

if [ ! -f "$KEY_DIR/private.pem" ]; then
  mkdir -p "$KEY_DIR"
  (umask 077 && openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$KEY_DIR/private.pem" 2>/dev/null)
  openssl pkey -in "$KEY_DIR/private.pem" -pubout -out "$KEY_DIR/public.pem"
  echo "created $KEY_DIR/private.pem and $KEY_DIR/public.pem" >&2
fi

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
json_string() { printf '"%s"' "$(printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g')"; }

now=$(date +%s)
groups=$(printf '%s\n' "$ROLES" | tr ',' '\n' | while read -r role; do json_string "$role"; echo; done | paste -sd, -)
header=$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)
claims=$(printf '{"iss":%s,"sub":"sms-%s","groups":[%s],"iat":%d,"exp":%d,"jti":"%s"}' \
  "$(json_string "$ISSUER")" "$(printf '%s' "$ROLES" | tr ',' '-')" "$groups" "$now" $((now + LIFETIME)) \
  "$(openssl rand -hex 16)" | b64url)
signature=$(printf '%s.%s' "$header" "$claims" | openssl dgst -sha256 -sign "$KEY_DIR/private.pem" -binary | b64url)
printf '%s.%s.%s\n' "$header" "$claims" "$signature"
