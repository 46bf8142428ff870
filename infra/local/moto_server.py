"""moto_server with DynamoDB made atomic and its transactions cheap, for the local run and the tests.

moto serves requests on many threads without a lock, and its TransactWriteItems deep-copies every table it touches,
applies the items one by one and restores the copies on failure: two transactions at once can leak or wipe each
other's writes, and each one costs time in proportion to the table's size. Real DynamoDB isolates transactions, and the
consumers rely on that (see README, "Delivery guarantees"). This runs moto's own server with:

- one lock around every DynamoDB read and write, so a transaction is never seen or overwritten half applied;
- writes that copy an item before changing it: moto changes items in place, and a reader that was handed an item
  before a write serializes its answer after the lock is released, so it could see the write, even one that is
  rolled back a moment later; now it sees the item as it was when it read it;
- a transaction that, on failure, puts back only the items it names, instead of copying whole tables first;
- the list of moto's services read once: moto lists its package directory on every request, under a lock that
  every request takes, and each of those ~150 file system calls lets the other request threads take the
  interpreter, so under load requests queue for seconds behind that lock;
- SQS's clock read with time.time(): moto asks for the time through datetime arithmetic (~30 us) once or twice for
  every message in a queue on every receive and GetQueueAttributes, which made each call cost milliseconds per
  hundred messages waiting;
- items that DynamoDB reads return (GetItem, BatchGetItem, Query, Scan) written out as the JSON they already are:
  moto's response serializer walks the operation's output shape for every attribute of every item, about 0.7 ms an
  item, so a BatchGetItem of a hundred small items took 50-70 ms under the lock (the items are in DynamoDB's wire
  format by then; the tables here hold no binary attributes, the one type the serializer would encode);
- updates made only of `SET a = :v` and `ADD a :n` on top-level attributes (every update the consumers send)
  applied directly, as moto's executor applies them: moto checks an update expression by walking its syntax tree
  once for each of its ten validators, in Python, about 2 ms an update, which made a transaction that updates a
  counter cost 2-3 times one that puts an item. Anything else, and anything moto would reject (a key or indexed
  attribute, a reserved word, ADD to a non-number, a second SET clause, a failed condition), takes moto's own path
  and gets moto's own error;
- an update expression's syntax tree parsed once per text (moto parses every update's twice), and the list of a
  response class's methods read once instead of through inspect.getmembers on every request;
- DeleteMessageBatch rejected, as SQS rejects it, when two entries share an Id (BatchEntryIdsNotDistinct); moto
  only compares their receipt handles, which let a client that reuses the message id as the entry id pass here and
  fail on SQS when a message is delivered twice (spring-cloud-aws#1634).

These patches reach into moto's internals, so the launcher runs only on the moto of infra/local/requirements.txt
and refuses any other at start-up: another version could break them loudly or, worse, quietly.

Usage: python3 moto_server.py -H 127.0.0.1 -p 4566 (infra/local/python.sh prints the python3 to run it with)
"""
import copy
import functools
import json
import pathlib
import re
import sys
import threading
import time

import moto


def _pinned_moto():
    requirements = pathlib.Path(__file__).with_name("requirements.txt").read_text()
    return re.search(r"(?m)^moto(?:\[[^]]*\])?==(\S+)", requirements)[1]


if moto.__version__ != _pinned_moto():
    sys.exit(f"moto_server.py: written for moto {_pinned_moto()}, found moto {moto.__version__} in "
             f"{pathlib.Path(moto.__file__).parent}; run it with the python3 that infra/local/python.sh prints")

import moto.backends  # noqa: E402 (the patched modules are imported only once the version is known to fit)
import moto.core.responses as core_responses  # noqa: E402
import moto.dynamodb.models as dynamodb_models  # noqa: E402
import moto.sqs.models as sqs_models  # noqa: E402
from moto.sqs.exceptions import BatchEntryIdsNotDistinct  # noqa: E402
from moto.sqs.responses import SQSResponse  # noqa: E402
from moto.dynamodb.comparisons import get_filter_expression  # noqa: E402
from moto.dynamodb.exceptions import ItemSizeTooLarge, ItemSizeToUpdateTooLarge  # noqa: E402
from moto.dynamodb.models import DynamoDBBackend  # noqa: E402
from moto.dynamodb.models.dynamo_type import DynamoType  # noqa: E402
from moto.dynamodb.parsing.expressions import UpdateExpressionParser  # noqa: E402
from moto.dynamodb.parsing.reserved_keywords import ReservedKeywords  # noqa: E402
from moto.dynamodb.models.table import Table  # noqa: E402
from moto.dynamodb.responses import DynamoResult  # noqa: E402
from moto.server import main  # noqa: E402

_lock = threading.RLock()


def _serialized(method):
    @functools.wraps(method)
    def locked(*args, **kwargs):
        with _lock:
            return method(*args, **kwargs)

    return locked


class _TablesAreNotCopied:
    """Stands in for the copy module inside moto's DynamoDB backend: a table "copy" is the table itself."""

    @staticmethod
    def deepcopy(value, memo=None):
        return value if isinstance(value, Table) else copy.deepcopy(value, memo)


def _named_items(backend, transact_items):
    """(table, hash key, range key) of every item a transaction names; an item moto would reject is left out."""
    named = []
    for transact_item in transact_items:
        try:
            _, operation = next(iter(transact_item.items()))
            table = backend.get_table(operation["TableName"])
            key = operation.get("Key")
            if key is None:
                attributes = operation["Item"]
                key = {name: attributes[name] for name in (table.hash_key_attr, table.range_key_attr) if name}
            named.append((table, *backend.get_keys_value(table, key)))
        except Exception:  # moto's own checks report it, with the error DynamoDB gives
            continue
    return named


def _place(table, hash_key, range_key, item):
    if item is None:
        table.delete_item(hash_key, range_key)
    elif range_key is not None:
        table.items[hash_key][range_key] = item
    else:
        table.items[hash_key] = item


def _copy_on_write(table, hash_key, range_key):
    """Gives the table a copy of the item to change; returns the item as it was, which nobody changes any more."""
    item = table.get_item(hash_key, range_key)
    if item is not None:
        _place(table, hash_key, range_key, copy.deepcopy(item))
    return item


_transaction = threading.local()


def _item_by_item(transact_write_items):
    @functools.wraps(transact_write_items)
    def transact(self, transact_items):
        with _lock:
            named = _named_items(self, transact_items)
            before = [_copy_on_write(*item) for item in named]
            _transaction.copied = True
            try:
                return transact_write_items(self, transact_items)
            except Exception:
                for (table, hash_key, range_key), item in zip(named, before):
                    _place(table, hash_key, range_key, item)
                raise
            finally:
                _transaction.copied = False

    return transact


def _copied_first(update_item):
    @functools.wraps(update_item)
    def update(self, table_name, key, *args, **kwargs):
        with _lock:
            if not getattr(_transaction, "copied", False):  # a transaction copied its items already
                try:
                    table = self.get_table(table_name)
                    _copy_on_write(table, *self.get_keys_value(table, key))
                except Exception:  # moto's own update reports it
                    pass
            return update_item(self, table_name, key, *args, **kwargs)

    return update


_NAME = r"(?:#[A-Za-z0-9_]+|[A-Za-z][A-Za-z0-9_]*)"
_VALUE = r":[A-Za-z0-9_]+"
_SET_CLAUSE = re.compile(rf"SET\s+({_NAME}\s*=\s*{_VALUE}(?:\s*,\s*{_NAME}\s*=\s*{_VALUE})*)", re.IGNORECASE)
_ADD_CLAUSE = re.compile(rf"ADD\s+({_NAME}\s+{_VALUE}(?:\s*,\s*{_NAME}\s+{_VALUE})*)", re.IGNORECASE)
_ACTION = re.compile(rf"({_NAME})\s*=?\s*({_VALUE})")


def _simple_actions(expression, names, values):
    """[(verb, attribute, DynamoType)] when the expression is only SET a = :v and ADD a :n on top-level attributes,
    each named once, every placeholder given, no reserved word; else None (moto's own path decides)."""
    actions = []
    verbs = set()
    rest = expression.strip()
    while rest:
        clause = _SET_CLAUSE.match(rest) or _ADD_CLAUSE.match(rest)
        verb = clause and clause.group(0)[:3].upper()
        if clause is None or verb in verbs:  # moto rejects a second SET or ADD clause
            return None
        verbs.add(verb)
        for target, placeholder in _ACTION.findall(clause.group(1)):
            if target.startswith("#"):
                target = (names or {}).get(target)
            elif target.upper() in ReservedKeywords.get_reserved_keywords():
                return None
            value = (values or {}).get(placeholder)
            if target is None or value is None or (verb == "ADD" and set(value) != {"N"}):
                return None
            actions.append((verb, target, DynamoType(value)))
        rest = rest[clause.end():].strip()
    targets = [target for _, target, _ in actions]
    return actions if actions and len(set(targets)) == len(targets) else None


def _simple_updates_applied(update_item):
    """Applies the updates _simple_actions accepts as moto's executor would, without its validators; anything else,
    or anything moto would reject (a key or indexed attribute, ADD to a non-number, a failed condition), goes through
    moto's own path."""
    @functools.wraps(update_item)
    def update(self, table_name, key, update_expression, expression_attribute_names, expression_attribute_values,
               attribute_updates=None, expected=None, condition_expression=None,
               return_values_on_condition_check_failure=None):
        def moto():
            return update_item(self, table_name, key, update_expression, expression_attribute_names,
                               expression_attribute_values, attribute_updates, expected, condition_expression,
                               return_values_on_condition_check_failure)

        try:
            table = self.get_table(table_name)
            hash_key, range_key = self.get_keys_value(table, key)
            actions = _simple_actions(update_expression or "", expression_attribute_names,
                                      expression_attribute_values)
        except Exception:
            return moto()
        if (actions is None or attribute_updates or expected or table.stream_shard is not None
                or len(key) != (2 if table.range_key_attr else 1)
                or any(target in {a["AttributeName"] for a in table.attr} for _, target, _ in actions)):
            return moto()
        item = table.get_item(hash_key, range_key)
        if condition_expression is not None and not get_filter_expression(
                condition_expression, expression_attribute_names, expression_attribute_values).expr(item):
            return moto()
        for verb, target, value in actions:
            if verb == "ADD" and item is not None and target in item.attrs and not item.attrs[target].is_number():
                return moto()
        if item is None:  # created with its key only, as moto's update does
            table.put_item({table.hash_key_attr: key[table.hash_key_attr],
                            **({table.range_key_attr: key[table.range_key_attr]} if range_key else {})})
            item = table.get_item(hash_key, range_key)
        try:
            for verb, target, value in actions:
                if verb == "ADD":
                    value = item.attrs.get(target, DynamoType({"N": "0"})) + value
                item.attrs[target] = value
        except ItemSizeTooLarge:
            raise ItemSizeToUpdateTooLarge()
        return item

    return update


_ITEM_READS = {"GetItem": ("Item",), "BatchGetItem": ("Responses",), "Query": ("Items",), "Scan": ("Items",)}


def _items_as_json(execute_result):
    @functools.wraps(execute_result)
    def execute(self, context):
        result = self.result
        held = {key: result[key] for key in _ITEM_READS.get(str(context.operation_model.name), ())
                if isinstance(result, dict) and key in result}
        if not held:
            return execute_result(self, context)
        self._result = {key: value for key, value in result.items() if key not in held}
        try:
            status, headers, body = execute_result(self, context)  # the rest (counts, keys, capacity) as moto does
        finally:
            self._result = result
        answer = json.loads(body) if body else {}
        answer.update(held)
        return status, headers, json.dumps(answer)

    return execute


def _entry_ids_distinct(delete_message_batch):
    @functools.wraps(delete_message_batch)
    def checked(self):
        seen = set()
        for entry in self._get_param("Entries", []):
            if entry["Id"] in seen:
                raise BatchEntryIdsNotDistinct(entry["Id"])
            seen.add(entry["Id"])
        return delete_message_batch(self)

    return checked


def _now_unless_given(unix_time, scale):
    @functools.wraps(unix_time)
    def fast(dt=None):
        return time.time() * scale if dt is None else unix_time(dt)

    return fast


sqs_models.unix_time = _now_unless_given(sqs_models.unix_time, 1.0)
sqs_models.unix_time_millis = _now_unless_given(sqs_models.unix_time_millis, 1000.0)
SQSResponse.delete_message_batch = _entry_ids_distinct(SQSResponse.delete_message_batch)
core_responses.method_names_from_class = functools.lru_cache(maxsize=None)(core_responses.method_names_from_class)
_services = tuple(moto.backends.list_of_moto_modules())
moto.backends.list_of_moto_modules = lambda: _services
dynamodb_models.copy = _TablesAreNotCopied
DynamoDBBackend.transact_write_items = _item_by_item(DynamoDBBackend.transact_write_items)
DynamoDBBackend.update_item = _copied_first(_simple_updates_applied(DynamoDBBackend.update_item))
UpdateExpressionParser.make = classmethod(functools.lru_cache(maxsize=1024)(UpdateExpressionParser.make.__func__))
DynamoResult.execute_result = _items_as_json(DynamoResult.execute_result)
for _name in ("put_item", "update_item", "delete_item", "transact_write_items", "get_item", "query", "scan"):
    setattr(DynamoDBBackend, _name, _serialized(getattr(DynamoDBBackend, _name)))

if __name__ == "__main__":
    main()
