"""Search algorithms without a framework: query text, rank fusion, vectors, snippets."""
