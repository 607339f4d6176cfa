"""The reproducible data build: public package data + the project's own rows (data/sources) → splits."""
