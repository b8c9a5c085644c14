from tiltak.cli import entry

entry()
