"""The command-line interface's machinery: one module per command."""
