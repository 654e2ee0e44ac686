"""Model → HTML strings: Liquid, converters, layouts. Nothing here writes files."""
