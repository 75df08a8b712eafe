"""The write path: files -> chunks -> vectors -> Chroma, plus a tantivy BM25 index."""
