"""How protector is wired: settings, topics, the Serve application builder, local stack and the CLI."""
