"""The OpenAPI description is served and valid."""

from __future__ import annotations

from openapi_spec_validator import validate


def test_the_openapi_description_is_served_and_valid(client, db):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json()
    validate(document)
    assert set(document["paths"]) == {
        "/api/v1/models",
        "/api/v1/models/{model_id}",
        "/api/v1/models/{model_id}/ledger",
        "/api/v1/models/{model_id}/ledger/{key}",
    }
    put = document["paths"]["/api/v1/models/{model_id}/ledger/{key}"]["put"]
    assert {"200", "201", "409", "422"} <= set(put["responses"])
    assert document["components"]["securitySchemes"]
