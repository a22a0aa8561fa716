"""Org charts as plain data: which boxes and lines to draw (scene), and where (layout). No I/O."""
