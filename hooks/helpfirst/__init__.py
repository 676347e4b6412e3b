"""Helpfirst: the pure helpers behind the MkDocs hooks."""
