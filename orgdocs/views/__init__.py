"""What the HR documents say, as plain data for templates: roles, pay bands, career ladders. No I/O."""
