"""The AWS emulator (moto) for scripts/bench-day, with one emulator-only cost taken out.

Before a TransactWriteItems call moto copies each table the call writes, so that it can roll back, but it
makes that copy once per action: a transaction of 100 actions copies the whole results table 100 times.
With a synthetic day's tens of thousands of items, ingest would take hours. Here the copies of one table
within one call are shared: each table is copied once per transaction. Nothing else changes, because the
copies are all taken before the transaction writes anything. The report worker makes no transactions, so
its figures do not depend on this; ingest's do.
"""
import copy
import sys
import threading

import moto.dynamodb.models as dynamodb
from moto.server import main


class OneCopyPerTablePerTransaction:
    """Stands in for the `copy` module inside moto's DynamoDB backend."""

    def __init__(self):
        self.local = threading.local()

    def deepcopy(self, value, memo=None):
        copies = getattr(self.local, "copies", None)
        if copies is None or not isinstance(value, dynamodb.Table):
            return copy.deepcopy(value, memo)
        if id(value) not in copies:
            copies[id(value)] = copy.deepcopy(value)
        return copies[id(value)]

    def __getattr__(self, name):
        return getattr(copy, name)


shared_copies = OneCopyPerTablePerTransaction()
transact_write_items = dynamodb.DynamoDBBackend.transact_write_items


def transact_write_items_copying_once(backend, transact_items):
    shared_copies.local.copies = {}
    try:
        return transact_write_items(backend, transact_items)
    finally:
        shared_copies.local.copies = None


dynamodb.copy = shared_copies
dynamodb.DynamoDBBackend.transact_write_items = transact_write_items_copying_once

if __name__ == "__main__":
    main(sys.argv[1:])
