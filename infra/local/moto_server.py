"""moto_server with DynamoDB writes made atomic, for the local run.

moto serves requests on many threads without a lock, and its TransactWriteItems copies a table, applies the items
one by one and restores the copy on failure: two transactions at once can leak or wipe each other's writes. Real
DynamoDB isolates them, and the consumers rely on that (see README, "Delivery guarantees"). This runs moto's own
server with one lock around every DynamoDB write. Usage: python3 moto_server.py -H 127.0.0.1 -p 4566
"""
import functools
import threading

from moto.dynamodb.models import DynamoDBBackend
from moto.server import main

_lock = threading.RLock()


def _serialized(method):
    @functools.wraps(method)
    def locked(*args, **kwargs):
        with _lock:
            return method(*args, **kwargs)

    return locked


for _name in ("put_item", "update_item", "delete_item", "transact_write_items", "batch_write_item"):
    if hasattr(DynamoDBBackend, _name):
        setattr(DynamoDBBackend, _name, _serialized(getattr(DynamoDBBackend, _name)))

if __name__ == "__main__":
    main()
