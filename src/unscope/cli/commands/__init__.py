"""One module per subcommand; see unscope.cli."""
