"""The application: settings → Serve app builder, CLI, local stack and demo, model building."""
