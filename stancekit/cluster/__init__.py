"""Scanning a corpus on many machines: partitions of documents, a Dask engine, part files."""
