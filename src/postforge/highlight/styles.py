"""Stylesheets for the highlighted HTML: Rouge's `github` theme and `highlight_css`."""

from __future__ import annotations

from pygments.formatters.html import HtmlFormatter
from pygments.style import Style
from pygments.styles import get_style_by_name
from pygments.token import Token


class RougeGithubStyle(Style):
    """Rouge 3.30's `github` theme (what `rougify style github` prints), as a Pygments style."""

    name = "rouge-github"
    background_color = "#f8f8f8"
    styles = {
        Token.Comment: "italic #999988", Token.Comment.Multiline: "italic #999988",
        Token.Comment.Preproc: "bold noitalic #999999", Token.Comment.Single: "italic #999988",
        Token.Comment.Special: "italic bold #999999", Token.Error: "#a61717 bg:#e3d2d2",
        Token.Generic.Deleted: "#000000 bg:#ffdddd", Token.Generic.Emph: "italic #000000",
        Token.Generic.Error: "#aa0000", Token.Generic.Heading: "#999999",
        Token.Generic.Inserted: "#000000 bg:#ddffdd", Token.Generic.Output: "#888888",
        Token.Generic.Prompt: "#555555", Token.Generic.Strong: "bold",
        Token.Generic.Subheading: "#aaaaaa", Token.Generic.Traceback: "#aa0000",
        Token.Keyword: "bold #000000", Token.Keyword.Type: "bold #445588",
        Token.Number: "#009999", Token.String: "#dd1144", Token.String.Affix: "bold #000000",
        Token.String.Regex: "#009926", Token.String.Symbol: "#990073",
        Token.Name.Attribute: "#008080", Token.Name.Builtin: "#0086b3",
        Token.Name.Builtin.Pseudo: "#999999", Token.Name.Class: "bold #445588",
        Token.Name.Constant: "#008080", Token.Name.Decorator: "bold #3c5d5d",
        Token.Name.Entity: "#800080", Token.Name.Exception: "bold #990000",
        Token.Name.Function: "bold #990000", Token.Name.Label: "bold #990000",
        Token.Name.Namespace: "#555555", Token.Name.Tag: "#000080",
        Token.Name.Variable: "#008080", Token.Operator: "bold #000000",
        Token.Text.Whitespace: "#bbbbbb",
    }


_STYLES: dict[str, type[Style]] = {"github": RougeGithubStyle}


def highlight_css(style: str = "github", dark: str | None = "github-dark",
                  selector: str = ".highlight") -> str:
    """A stylesheet for the classes emitted here: `style` (``github`` is Rouge's own theme, any
    other name a Pygments style), plus `dark` under ``prefers-color-scheme: dark`` unless None."""
    css = _style_rules(style, selector)
    # The line-number table (`linenos`): no gaps, numbers right-aligned and not selectable.
    css += (f"{selector} .rouge-table {{ border-spacing: 0; margin: 0 }}\n"
            f"{selector} .rouge-table td {{ padding: 0 }}\n"
            f"{selector} .gutter {{ text-align: right; padding-right: 1em; user-select: none }}\n"
            f"{selector} .rouge-table pre {{ margin: 0 }}\n")
    if dark:
        # Undo the light theme's weights and backgrounds before the dark one sets its own.
        reset = (f"{selector} [class] {{ font-weight: normal; font-style: normal; "
                 "background-color: transparent }\n")
        rules = (reset + _style_rules(dark, selector)).rstrip().replace("\n", "\n  ")
        css += f"@media (prefers-color-scheme: dark) {{\n  {rules}\n}}\n"
    return css


def _style_rules(style: str, selector: str) -> str:
    formatter = HtmlFormatter(style=_STYLES.get(style) or get_style_by_name(style))
    rules = [*formatter.get_background_style_defs(selector), *formatter.get_token_style_defs(selector)]
    # Classes Rouge has and Pygments lacks look like their parent token's.
    for extra, parent in (("kv", "k"), ("mx", "m"), ("pi", "p"), ("gl", "g")):
        rules += [rule.replace(f" .{parent} {{", f" .{extra} {{", 1) for rule in rules
                  if rule.startswith(f"{selector} .{parent} {{")]
    return "\n".join(rules) + "\n"
