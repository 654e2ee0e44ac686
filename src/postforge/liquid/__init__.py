"""postforge.liquid: the Liquid that Jekyll runs, compiled to Jinja2 and Python bytecode.

>>> from postforge.liquid import Environment
>>> Environment().from_string("{% for x in (1..3) %}{{ x }}{% endfor %}").render()
'123'
"""

from postforge.liquid.drops import Drop
from postforge.liquid.drops import MappingDrop
from postforge.liquid.environment import Environment
from postforge.liquid.errors import LiquidArgumentError
from postforge.liquid.errors import LiquidError
from postforge.liquid.errors import LiquidFileSystemError
from postforge.liquid.errors import LiquidRenderError
from postforge.liquid.errors import LiquidSyntaxError
from postforge.liquid.errors import LiquidZeroDivisionError
from postforge.liquid.errors import UndefinedFilter
from postforge.liquid.errors import UndefinedVariable
from postforge.liquid.loaders import DictLoader
from postforge.liquid.loaders import FileSystemLoader
from postforge.liquid.runtime import RenderContext
from postforge.liquid.template import Template

__all__ = [
    "Environment",
    "Template",
    "RenderContext",
    "Drop",
    "MappingDrop",
    "DictLoader",
    "FileSystemLoader",
    "LiquidError",
    "LiquidSyntaxError",
    "LiquidRenderError",
    "LiquidArgumentError",
    "LiquidZeroDivisionError",
    "LiquidFileSystemError",
    "UndefinedVariable",
    "UndefinedFilter",
]
