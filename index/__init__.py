"""The write path: files -> chunks -> vectors -> Chroma, plus a SQLite FTS5 lexical index."""
