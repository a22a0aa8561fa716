"""Reading org definitions: finding the files, guarding against hostile input, parsing with positions."""
