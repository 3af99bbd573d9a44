"""Replays, with `requests`, the calls the API-key middleware of Hokusai's data pipeline makes to
the auth service for one authenticated request, with its exact payloads: validate (key in the
Authorization header, body {service_id, client_ip}), then debit before serving. Prints one JSON
object of what the middleware would decide, for the test to check.

Usage: python3 pipeline_middleware_replay.py <base_url> <admin_token>
"""

import json
import re
import sys
import time

import requests

BASE, ADMIN = sys.argv[1], sys.argv[2]
SERVICE_ID = "platform"
PATH = "/api/v1/models/hokusai-text-v1/predict"
admin = {"Authorization": f"Bearer {ADMIN}"}


def validate(api_key, client_ip):
    # As the middleware's validate_with_auth_service: key in the header, service_id and client_ip in the body.
    headers = {"Authorization": f"Bearer {api_key}", "Content-Type": "application/json"}
    body = {"service_id": SERVICE_ID}
    if client_ip:
        body["client_ip"] = client_ip
    response = requests.post(f"{BASE}/api/v1/keys/validate", headers=headers, json=body, timeout=5)
    data = response.json() if response.status_code == 200 else {}
    return {
        "status": response.status_code,
        "has_sufficient_balance": data.get("has_sufficient_balance", True),
        "balance": data.get("balance", 0.0),
        "balance_is_number": isinstance(data.get("balance"), (int, float)) and not isinstance(data.get("balance"), bool),
        "key_id": data.get("key_id"),
        "user_id": data.get("user_id"),
    }


def debit(key_id, endpoint):
    # As the middleware's _debit_usage before the handler runs: times and status are 0, no Authorization.
    match = re.search(r"/api/v1/models/([^/]+)", endpoint)
    payload = {
        "model_id": match.group(1) if match else None,
        "endpoint": endpoint,
        "response_time_ms": 0,
        "status_code": 0,
        "service_id": SERVICE_ID,
        "idempotency_key": f"{key_id}-{int(time.time() * 1000)}",
        "compute_ms": 0,
        "predictions_count": 1,
    }
    response = requests.post(f"{BASE}/api/v1/usage/{key_id}/debit", json=payload, timeout=5)
    if response.status_code < 300:
        return {"outcome": "accepted", "status": response.status_code}
    if response.status_code == 402:
        detail = response.json().get("detail", {})
        return {"outcome": "rejected", "status": 402, "reason_code": detail.get("error"), "reason": detail.get("message")}
    return {"outcome": "error", "status": response.status_code}


created = requests.post(f"{BASE}/api/v1/keys", headers=admin, json={"name": "pipeline", "service_id": SERVICE_ID}, timeout=5).json()
api_key = created["api_key"]

result = {"validations": {}}
for client_ip in ["testclient", "203.0.113.7:51234", "[2001:db8::1]:443", "unknown"]:
    result["validations"][client_ip] = validate(api_key, client_ip)
first = result["validations"]["testclient"]
result["debit"] = debit(first["key_id"], PATH)
time.sleep(0.002)  # a fresh epoch-ms idempotency key, as two requests get
result["debit_no_model"] = debit(first["key_id"], "/api/v1/evaluations")

owner = first["user_id"]
requests.post(f"{BASE}/__hokusai/balances/{owner}", headers=admin, json={"settled": 0, "pending": 0}, timeout=5)
result["out_of_credit_validation"] = validate(api_key, "testclient")
result["out_of_credit_debit"] = debit(first["key_id"], PATH)
requests.post(f"{BASE}/__hokusai/balances/{owner}", headers=admin, json={"settled": 0, "pending": 3}, timeout=5)
result["pending_only_debit"] = debit(first["key_id"], PATH)

stats = requests.get(f"{BASE}/api/v1/usage/{first['key_id']}/stats", headers=admin, timeout=5).json()
result["stats"] = {"total_requests": stats["total_requests"], "total_predictions": stats["total_predictions"]}
print(json.dumps(result))
