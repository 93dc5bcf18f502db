"""Drives Confluent's own Python client (confluent-kafka) against a schema registry.

Usage: confluent_client_check.py COMMAND REGISTRY_URL < request.json > answer.json

COMMAND is one of:
  serialize    {"topic", "schema", "value"} -> {"hex"}: AvroSerializer output for the value
  deserialize  {"topic", "hex"} -> {"value"}: AvroDeserializer's reading (writer schema from the
               registry); dates become days since the epoch, timestamps epoch milliseconds
  registry     {"subject", "schema", "evolved", "incompatible"} -> what SchemaRegistryClient answers

Errors go to stderr and the exit code is 1.
"""

import datetime
import json
import sys

from confluent_kafka.schema_registry import Schema, SchemaRegistryClient
from confluent_kafka.schema_registry.avro import AvroDeserializer, AvroSerializer
from confluent_kafka.schema_registry.error import SchemaRegistryError
from confluent_kafka.serialization import MessageField, SerializationContext

EPOCH_DAY = datetime.date(1970, 1, 1)
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)


def plain(value):
    """The value with dates and timestamps as the integers Avro stores."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, datetime.datetime):
        return (value - EPOCH) // datetime.timedelta(milliseconds=1)
    if isinstance(value, datetime.date):
        return (value - EPOCH_DAY).days
    return value


def serialize(client, request):
    serializer = AvroSerializer(client, request["schema"])
    data = serializer(request["value"], SerializationContext(request["topic"], MessageField.VALUE))
    return {"hex": data.hex()}


def deserialize(client, request):
    deserializer = AvroDeserializer(client)
    value = deserializer(
        bytes.fromhex(request["hex"]), SerializationContext(request["topic"], MessageField.VALUE)
    )
    return {"value": plain(value)}


def error_of(call):
    try:
        call()
    except SchemaRegistryError as e:
        return {"http_status": e.http_status_code, "error_code": e.error_code}
    return None


def registry(client, request):
    subject = request["subject"]
    schema = Schema(request["schema"], "AVRO")
    evolved = Schema(request["evolved"], "AVRO")
    incompatible = Schema(request["incompatible"], "AVRO")
    answer = {}
    answer["registered_id"] = client.register_schema(subject, schema)
    # A fresh client has no cache: the second registration asks the server again.
    fresh = SchemaRegistryClient({"url": client._rest_client.base_url})
    answer["registered_again_id"] = fresh.register_schema(subject, schema)
    # get_schema answers from the cache of a client that registered it: ask with an empty one.
    fetcher = SchemaRegistryClient({"url": client._rest_client.base_url})
    answer["fetched_schema"] = fetcher.get_schema(answer["registered_id"]).schema_str
    looked_up = fresh.lookup_schema(subject, schema)
    answer["lookup"] = {"id": looked_up.schema_id, "version": looked_up.version,
                        "subject": looked_up.subject}
    answer["evolved_compatible"] = fresh.test_compatibility(subject, evolved)
    answer["incompatible_compatible"] = fresh.test_compatibility(subject, incompatible)
    answer["evolved_id"] = fresh.register_schema(subject, evolved)
    answer["incompatible_error"] = error_of(lambda: fresh.register_schema(subject, incompatible))
    latest = fresh.get_latest_version(subject)
    answer["latest"] = {"id": latest.schema_id, "version": latest.version,
                        "schema": latest.schema.schema_str}
    answer["version_1_id"] = fresh.get_version(subject, 1).schema_id
    answer["versions"] = fresh.get_versions(subject)
    answer["subjects"] = fresh.get_subjects()
    answer["global_level"] = fresh.get_compatibility()
    answer["set_level"] = fresh.set_compatibility(subject, "FULL")
    answer["subject_level"] = fresh.get_compatibility(subject)
    answer["unknown_id_error"] = error_of(lambda: fresh.get_schema(987654))
    answer["unknown_subject_error"] = error_of(lambda: fresh.get_latest_version("no-such-subject"))
    answer["deleted_versions"] = fresh.delete_subject(subject)
    answer["subjects_after_delete"] = fresh.get_subjects()
    return answer


COMMANDS = {"serialize": serialize, "deserialize": deserialize, "registry": registry}


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in COMMANDS:
        print(__doc__, file=sys.stderr)
        return 2
    client = SchemaRegistryClient({"url": sys.argv[2]})
    request = json.load(sys.stdin)
    json.dump(COMMANDS[sys.argv[1]](client, request), sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
