"""What each command does, without click: options in, results out. The CLI only parses options."""
