"""The command line's verbs, one module per area; each module has ``register(subparsers)``."""
