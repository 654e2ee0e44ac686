"""postforge: a Jekyll-compatible static site generator in Python."""

from postforge.errors import Location
from postforge.errors import PostforgeError

__version__ = "0.1.0"

__all__ = ["Location", "PostforgeError", "__version__"]
