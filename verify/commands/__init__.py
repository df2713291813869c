"""One module per ``verify`` subcommand; each registers itself on ``verify.cli.cli``."""
