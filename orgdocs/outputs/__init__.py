"""What each command writes: which files, named how, linked how, made from which views and renderers."""
