"""Every limit on the input, in one place: they keep the work of every command bounded by the input's size.

The numbers sit far above anything a real org writes (the project targets 250,000-position orgs); each one
exceeded is a located problem that names the limit (exit 2), never a slow run or a crash.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    # reading a file
    max_file_bytes: int = 20 * 1024 * 1024
    max_depth: int = 40  # YAML nesting
    max_aliases: int = 100
    max_scalar_chars: int = 100_000
    max_extends: int = 8  # a variant extends a variant ... at most this many levels
    max_asset_bytes: int = 5 * 1024 * 1024  # an image the org names (its logo)
    max_asset_pixels: int = 25_000_000  # decoded size of a raster image: 5,000 × 5,000
    max_photo_bytes: int = 2 * 1024 * 1024  # a holder's photo (drawn 28 pt wide: a few hundred pixels are plenty)
    max_photo_pixels: int = 16_000_000  # 4,000 × 4,000
    # Aliases repeat data without writing it; what they add is capped relative to what the file writes
    # itself, so the work that follows (documents, charts) stays proportional to the file.
    alias_floor_values: int = 2_000
    alias_floor_chars: int = 100_000
    alias_ratio: float = 1.0  # aliases may add at most this many times the file's own values and characters
    # the org
    max_positions: int = 1_000_000
    max_reporting_layers: int = 1_000  # real orgs have under 20; a chain this deep is a mistake or an attack
    max_rules: int = 100  # per list of policies.ratios, .coverage, .capacity: each rule looks at every position
    max_formula_depth: int = 200  # nesting of a capacity formula's operations (a + b + ... nests one per +)
    # an HRIS export `orgdocs import` reads (CSV, XLSX, JSON): one row per person, so as many rows as positions
    max_table_bytes: int = 300 * 1024 * 1024
    max_table_rows: int = 1_000_000
    max_table_columns: int = 500

    def alias_allowance(self, own_values: int, own_chars: int) -> tuple[int, int]:
        """How many values and characters aliases may add to a file that writes these itself."""
        return (max(self.alias_floor_values, int(self.alias_ratio * own_values)),
                max(self.alias_floor_chars, int(self.alias_ratio * own_chars)))


DEFAULT_LIMITS = Limits()
