"""Search: one interface, two backends (Whoosh embedded, PostgreSQL full-text at scale), fed after commit."""
