"""Open311 GeoReport v2 (served by ``participation.open311`` under /open311/v2/) in the OpenAPI document."""

from cms.languages import language_codes

FORMAT = {
    "name": "format",
    "in": "path",
    "required": True,
    "description": "json or xml, as the specification names its formats",
    "schema": {"type": "string", "enum": ["json", "xml"]},
}
LOCALE = {
    "name": "locale",
    "in": "query",
    "required": False,
    "description": "Language of the texts; takes precedence over Accept-Language",
    "schema": {"type": "string", "enum": list(language_codes())},
}
JURISDICTION = {
    "name": "jurisdiction_id",
    "in": "query",
    "required": False,
    "description": "The commune's host name; the host the call addresses when absent",
    "schema": {"type": "string", "maxLength": 200},
}

SCHEMAS = {
    "Open311Error": {
        "type": "array",
        "items": {
            "type": "object",
            "properties": {"code": {"type": "integer"}, "description": {"type": "string"}},
            "required": ["code", "description"],
        },
    },
    "Open311Discovery": {
        "type": "object",
        "properties": {
            "changeset": {"type": "string"},
            "contact": {"type": "string"},
            "key_service": {"type": "string"},
            "endpoints": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "specification": {"type": "string"},
                        "url": {"type": "string"},
                        "changeset": {"type": "string"},
                        "type": {"type": "string", "enum": ["production", "test"]},
                        "formats": {"type": "array", "items": {"type": "string"}},
                    },
                    "required": ["specification", "url", "changeset", "type", "formats"],
                },
            },
        },
        "required": ["changeset", "contact", "key_service", "endpoints"],
    },
    "Open311Service": {
        "type": "object",
        "properties": {
            "service_code": {"type": "string"},
            "service_name": {"type": "string"},
            "description": {"type": "string"},
            "metadata": {"type": "boolean"},
            "type": {"type": "string", "enum": ["realtime", "batch", "blackbox"]},
            "keywords": {"type": "string"},
            "group": {"type": "string"},
        },
        "required": ["service_code", "service_name", "description", "metadata", "type", "keywords", "group"],
    },
    "Open311ServiceDefinition": {
        "type": "object",
        "properties": {
            "service_code": {"type": "string"},
            "attributes": {"type": "array", "items": {"type": "object"}},
        },
        "required": ["service_code", "attributes"],
    },
    "Open311Request": {
        "type": "object",
        "properties": {
            "service_request_id": {"type": "string"},
            "status": {"type": "string", "enum": ["open", "closed"]},
            "status_notes": {"type": ["string", "null"]},
            "service_name": {"type": "string"},
            "service_code": {"type": "string"},
            "description": {"type": ["string", "null"]},
            "agency_responsible": {"type": ["string", "null"]},
            "service_notice": {"type": ["string", "null"]},
            "requested_datetime": {"type": "string"},
            "updated_datetime": {"type": ["string", "null"]},
            "expected_datetime": {"type": ["string", "null"]},
            "address": {"type": ["string", "null"]},
            "address_id": {"type": ["string", "null"]},
            "zipcode": {"type": ["string", "null"]},
            "lat": {"type": ["number", "null"]},
            "long": {"type": ["number", "null"]},
            "media_url": {"type": ["string", "null"]},
        },
        "required": ["service_request_id", "status", "service_code", "requested_datetime"],
    },
}


def _ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def _ok(description, schema, example=None):
    json_media = {"schema": schema}
    if example is not None:
        json_media["example"] = example
    return {
        "description": f"{description}; in XML with the specification's element names when the format is xml",
        "headers": {"ETag": {"$ref": "#/components/headers/ETag"}},
        "content": {"application/json": json_media, "text/xml": {"schema": {"type": "string"}}},
    }


def _errors(*statuses):
    meanings = {
        "400": "A parameter is not valid",
        "403": "No valid api_key, a token without the open311 scope, or a key of another commune",
        "404": "Unknown jurisdiction, service code or request",
        "429": "Too many submissions from this address",
    }
    example = [{"code": 404, "description": "Unknown service code."}]
    return {
        status: {
            "description": meanings[status],
            "content": {
                "application/json": {"schema": _ref("Open311Error"), "example": example},
                "text/xml": {"schema": {"type": "string"}},
            },
        }
        for status in statuses
    }


def _operation(operation_id, summary, description, parameters, responses, tag="open311"):
    return {
        "operationId": operation_id,
        "summary": summary,
        "description": description,
        "tags": [tag],
        "parameters": parameters,
        "responses": {**responses, "304": {"description": "Not Modified: the caller's copy is current"}},
    }


SERVICE_EXAMPLE = {
    "service_code": "public-lighting",
    "service_name": "Éclairage public",
    "description": "Éclairage public",
    "metadata": True,
    "type": "realtime",
    "keywords": "",
    "group": "Allô citoyen",
}

PATHS = {
    "/open311/v2/discovery.{format}": {
        "get": _operation(
            "open311_discovery",
            "Open311 service discovery",
            "The one GeoReport v2 discovery document: the endpoint, its formats and where to ask for a key.",
            [FORMAT, LOCALE, JURISDICTION],
            {"200": _ok("Discovery", _ref("Open311Discovery")), **_errors("400", "404")},
        )
    },
    "/open311/v2/services.{format}": {
        "get": _operation(
            "open311_services",
            "List Open311 services",
            "The kinds of request the commune takes, named in the caller's language.",
            [FORMAT, LOCALE, JURISDICTION],
            {
                "200": _ok("Services", {"type": "array", "items": _ref("Open311Service")}, [SERVICE_EXAMPLE]),
                **_errors("400", "404"),
            },
        )
    },
    "/open311/v2/services/{service_code}.{format}": {
        "get": _operation(
            "open311_service_definition",
            "Open311 service definition",
            "The attributes a request of this service takes (the kind of submission).",
            [
                {
                    "name": "service_code",
                    "in": "path",
                    "required": True,
                    "schema": {"type": "string", "pattern": "^[-a-zA-Z0-9_]{1,50}$"},
                },
                FORMAT,
                LOCALE,
                JURISDICTION,
            ],
            {"200": _ok("Service definition", _ref("Open311ServiceDefinition")), **_errors("400", "404")},
        )
    },
    "/open311/v2/requests.{format}": {
        "get": _operation(
            "open311_requests",
            "List Open311 service requests",
            "Requests of the last 90 days unless dates are given, newest first, without personal data.",
            [
                FORMAT,
                LOCALE,
                JURISDICTION,
                {
                    "name": "service_request_id",
                    "in": "query",
                    "description": "Ids separated by commas",
                    "schema": {"type": "string", "pattern": "^[1-9][0-9]{0,8}(,[1-9][0-9]{0,8}){0,49}$"},
                },
                {
                    "name": "service_code",
                    "in": "query",
                    "description": "Service codes separated by commas",
                    "schema": {"type": "string", "pattern": "^[-a-zA-Z0-9_]{1,50}(,[-a-zA-Z0-9_]{1,50}){0,19}$"},
                },
                {"name": "start_date", "in": "query", "schema": {"type": "string", "format": "date-time"}},
                {"name": "end_date", "in": "query", "schema": {"type": "string", "format": "date-time"}},
                {"name": "status", "in": "query", "schema": {"type": "string", "enum": ["open", "closed"]}},
            ],
            {"200": _ok("Requests", {"type": "array", "items": _ref("Open311Request")}), **_errors("400", "404")},
        ),
        "post": {
            "operationId": "open311_create_request",
            "summary": "File an Open311 service request",
            "description": "With an api_key issued by the commune (a portal API token with the open311 scope); "
            "an Idempotency-Key header makes retries safe.",
            "tags": ["open311"],
            "parameters": [FORMAT, JURISDICTION],
            "requestBody": {
                "required": True,
                "content": {
                    "application/x-www-form-urlencoded": {
                        "schema": {
                            "type": "object",
                            "properties": {
                                "api_key": {"type": "string"},
                                "service_code": {"type": "string"},
                                "lat": {"type": "number"},
                                "long": {"type": "number"},
                                "address_string": {"type": "string"},
                                "description": {"type": "string"},
                                "email": {"type": "string"},
                                "first_name": {"type": "string"},
                                "last_name": {"type": "string"},
                                "phone": {"type": "string"},
                                "media_url": {"type": "string"},
                                "attribute[kind]": {"type": "string"},
                            },
                            "required": ["api_key", "service_code", "description"],
                        }
                    }
                },
            },
            "responses": {
                "201": {
                    "description": "Filed",
                    "content": {
                        "application/json": {
                            "example": [{"service_request_id": "42", "service_notice": "", "account_id": None}]
                        },
                        "text/xml": {"schema": {"type": "string"}},
                    },
                },
                **_errors("400", "403", "404", "429"),
            },
        },
    },
    "/open311/v2/requests/{service_request_id}.{format}": {
        "get": _operation(
            "open311_request",
            "Get one Open311 service request",
            "One request, as a list of one as the specification has it.",
            [
                {
                    "name": "service_request_id",
                    "in": "path",
                    "required": True,
                    "schema": {"type": "integer", "minimum": 1, "maximum": 2147483647},
                },
                FORMAT,
                LOCALE,
                JURISDICTION,
            ],
            {"200": _ok("Request", {"type": "array", "items": _ref("Open311Request")}), **_errors("400", "404")},
        )
    },
}


def add_to(schema):
    """Open311's paths and schemas in the portal's document."""
    schema["paths"].update(PATHS)
    schema.setdefault("components", {}).setdefault("schemas", {}).update(SCHEMAS)
