from unscope.cli import entry

entry()
