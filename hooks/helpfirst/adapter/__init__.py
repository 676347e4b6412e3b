"""The help centre's side of MkDocs: one `Adapter` (events.py) owns the build's state
(state.py) and calls the feature modules beside it, each a thin layer over the pure modules of
`helpfirst`. hooks/helpfirst_hooks.py hands every MkDocs event to it."""
