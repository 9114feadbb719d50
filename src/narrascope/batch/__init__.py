"""Scale-out: the analysis pipeline mapped over partitions of large inputs on Dask.

    >>> from narrascope.batch import BatchSettings, run_batch, iter_rows
    >>> summary = run_batch(["articles.jsonl"], "out/", BatchSettings(analyzers=("language",)), workers=2)
    >>> rows = list(iter_rows("out/"))   # one flat dict per document

See docs/batch.md for the output layout, resuming, and running on a multi-machine cluster.
"""
from narrascope.batch.output import iter_analyses, iter_errors, iter_rows
from narrascope.batch.partitions import DEFAULT_PARTITION_SIZE, Partition, plan_partitions, read_partition
from narrascope.batch.runner import BatchSettings, BatchSummary, process_partition, run_batch

__all__ = [
    "DEFAULT_PARTITION_SIZE",
    "BatchSettings",
    "BatchSummary",
    "Partition",
    "iter_analyses",
    "iter_errors",
    "iter_rows",
    "plan_partitions",
    "process_partition",
    "read_partition",
    "run_batch",
]
