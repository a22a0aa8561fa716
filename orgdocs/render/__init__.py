"""Renderers: analysis data in, bytes or text out. Nothing here writes files."""
