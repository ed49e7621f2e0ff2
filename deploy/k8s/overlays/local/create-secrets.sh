#!/usr/bin/env bash
# Creates what the local overlay needs but does not commit: a random password or secret per role and
# client (kept when it exists already, so a second run changes nothing), and the ConfigMap nia-realm
# from deploy/keycloak's realm file. Run it once before `kubectl apply -k deploy/k8s/overlays/local`.
#   deploy/k8s/overlays/local/create-secrets.sh            # namespace nia-crm-sync
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd)
NS=${NAMESPACE:-nia-crm-sync}

random() { head -c 24 /dev/urandom | base64 | tr -d '/+=' ; }
secret() {  # secret NAME KEY=VALUE...: created only when missing
  local name=$1; shift
  if kubectl -n "$NS" get secret "$name" >/dev/null 2>&1; then
    echo "secret/$name exists, kept"
    return
  fi
  local args=()
  for kv in "$@"; do args+=(--from-literal="$kv"); done
  kubectl -n "$NS" create secret generic "$name" "${args[@]}"
}

kubectl get namespace "$NS" >/dev/null 2>&1 || kubectl create namespace "$NS"
secret postgres-admin password="$(random)"
secret sync-api-db username=sync_api password="$(random)"
secret conflict-service-db username=conflict_service password="$(random)"
secret creatio-gateway-db username=creatio_gateway password="$(random)"
creatio_secret=$(random)
secret creatio-credentials client-id=nia-sync client-secret="$creatio_secret" identity-clients="nia-sync:$creatio_secret"
secret sync-api-oidc-client client-secret="$(random)"
secret sync-worker-oidc-client client-secret="$(random)"
secret keycloak-local admin-password="$(random)" viewer-password="$(random)" operator-password="$(random)" \
  admin-user-password="$(random)" conflict-service-client-secret="$(random)"
kubectl -n "$NS" create configmap nia-realm --from-file="$ROOT/deploy/keycloak/src/main/realm/nia-realm.json" \
  --dry-run=client -o yaml | kubectl apply -f -
