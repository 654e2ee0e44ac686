"""Rouge's and kramdown's HTML: the `{% highlight %}` tag, kramdown code blocks and spans, and escaping.

Rouge renders a token stream as adjacent tokens of one class merged into one span, plain text left
unwrapped, only ``& < >`` escaped; Jekyll and kramdown wrap that in their own markup.
"""

from __future__ import annotations

import re
from typing import Iterable

from postforge.regexes import LazyPattern

# Pygments (and `lexers`/`rules`, built on it) is imported inside the functions that highlight:
# every build loads this module, through the Markdown and Liquid engines, but a site without code
# never highlights anything.


def _escape(text: str) -> str:
    """Rouge's escaping: only the three characters that could open markup; quotes stay as typed."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _chomp(text: str) -> str:
    """Ruby's String#chomp: drop one trailing line break (LF, CRLF or CR)."""
    for end in ("\r\n", "\n", "\r"):
        if text.endswith(end):
            return text[: -len(end)]
    return text


def render_spans(tokens: Iterable[tuple[str, str]]) -> str:
    """Rouge's HTML for (css class, text) pairs: a span per classed token, plain text bare."""
    return "".join(f'<span class="{cls}">{_escape(value)}</span>' if cls else _escape(value)
                   for cls, value in tokens)


def _lines_table(code: str, inner: str) -> str:
    """Rouge's ``HTMLTable`` as Jekyll configures it: a gutter of line numbers beside the code."""
    lines = code.count("\n")
    if not code.endswith("\n"):
        lines += 1
        inner += "\n"
    gutter = "".join(f"{n}\n" for n in range(1, lines + 1))
    return ('<table class="rouge-table"><tbody><tr><td class="gutter gl">'
            f'<pre class="lineno">{gutter}</pre></td><td class="code"><pre>{inner}</pre></td>'
            "</tr></tbody></table>")


# The tag's markup: a language, then options `name`, `name=value` or `name="1 2 3"`.
HIGHLIGHT_SYNTAX = LazyPattern(r'^([a-zA-Z0-9.+#_-]+)((\s+\w+(=(\w+|"([0-9]+\s)*[0-9]+"))?)*)$')
_OPTION = LazyPattern(r'(?:\w="[^"]*"|\w=\w|\w)+')


def parse_highlight_markup(markup: str) -> tuple[str, dict[str, object]] | None:
    """The `{% highlight %}` tag's language (lower-cased) and options; None for invalid markup.

    For None Jekyll raises a SyntaxError ("Valid syntax: highlight <lang> [linenos]").  Options
    are kept as Jekyll parses them: a bare `linenos` becomes "inline", a quoted list a list.
    """
    match = HIGHLIGHT_SYNTAX.match(markup.strip())
    if match is None:
        return None
    options: dict[str, object] = {}
    for opt in _OPTION.findall(match.group(2)):
        key, _, value = opt.partition("=")
        options[key] = value.replace('"', "").split() if '"' in value else (value or True)
    if options.get("linenos") is True:
        options["linenos"] = "inline"
    return match.group(1).lower(), options


def highlight_tag(code: str, lang: str, options: dict[str, object] | None = None) -> str:
    """What `{% highlight lang options %}code{% endhighlight %}` renders to in Jekyll 4.3.

    `lang` as parsed (lower-cased); any truthy `linenos` gives Rouge's line-number table (4.3 has
    no inline numbers and no `mark_lines`: other options are accepted and ignored).  The body
    loses its leading and trailing line breaks; an unknown language is highlighted as plain text.
    """
    from postforge.highlight.lexers import find_lexer
    from postforge.highlight.lexers import lexer_by_alias
    from postforge.highlight.rules import rouge_tokens

    code = re.sub(r"\A[\n\r]+|[\n\r]+\Z", "", code)
    tag, lexer = find_lexer(lang, code) or ("plaintext", lexer_by_alias("text"))
    html = render_spans(rouge_tokens(code, tag, lexer))
    if (options or {}).get("linenos"):
        html = _lines_table(code, html)
    return (f'<figure class="highlight"><pre><code class="language-{lang.replace("+", "-")}" '
            f'data-lang="{lang}">{_chomp(html)}</code></pre></figure>')


_ENTITY = LazyPattern(r"&(?:[A-Za-z0-9_:][-A-Za-z0-9_.:]*;|#\d+;|#x[0-9a-fA-F]+;)")
_LANGUAGE_CLASS = LazyPattern(r"\blanguage-(\S+)")


def _escape_attr(value: str) -> str:
    """kramdown's attribute escaping: quotes too, but an entity reference already written stays."""
    pieces = re.split(f"({_ENTITY.pattern})", value)
    return "".join(p if k % 2 else _escape(p).replace('"', "&quot;") for k, p in enumerate(pieces))


def _html_attributes(attrs: dict[str, str | None]) -> str:
    return "".join(f' {k}="{_escape_attr(str(v))}"' for k, v in attrs.items()
                   if v is not None and not (k == "id" and not str(v).strip()))


def _mark_highlighted(attrs: dict[str, str | None], lang: str) -> None:
    """kramdown's add_syntax_highlighter_to_class_attr: `language-X ... highlighter-rouge`.

    A leading `language-` class is replaced, otherwise one is prepended (even when another sits
    further along: kramdown's pattern also matches the empty start of the string).
    """
    cls = ((attrs.get("class") or "") + " highlighter-rouge").lstrip()
    attrs["class"] = re.sub(r"\Alanguage-\S+|\A",
                            lambda m: f"language-{lang}" + ("" if m.group() else " "), cls, count=1)


def _kramdown_highlight(code: str, lang: str | None) -> str | None:
    """The Rouge span stream kramdown embeds, or None when it leaves the code alone.

    Jekyll sets `default_lang: plaintext` and `guess_lang: true`, so code without a language is
    highlighted as plain text; a language Rouge does not know is not highlighted at all.
    """
    from postforge.highlight.lexers import find_lexer
    from postforge.highlight.rules import rouge_tokens

    found = find_lexer(lang or "plaintext", code)
    return render_spans(rouge_tokens(code, *found)) if found else None


def highlight_block(code: str, lang: str | None = None,
                    attrs: dict[str, str | None] | None = None, indent: int = 0) -> str:
    """A kramdown code block as Jekyll renders it (fenced or indented), with its trailing newline.

    `lang` is the fence's info string (``ruby``, ``console?lang=ruby``), None for an indented
    block; `attrs` the block's IAL attributes, whose class may also name a `language-X`; `indent`
    the nesting indentation kramdown writes before the block (inside lists and quotes).
    """
    attrs = dict(attrs or {})
    if lang and not _LANGUAGE_CLASS.search(attrs.get("class") or ""):
        attrs["class"] = " ".join(filter(None, ["language-" + lang.split("?", 1)[0], attrs.get("class")]))
    class_lang = None
    match = _LANGUAGE_CLASS.search(attrs.get("class") or "")
    if match:
        class_lang = match.group(1)
        attrs["class"] = _LANGUAGE_CLASS.sub("", attrs["class"] or "", count=1).strip() or None
        if attrs["class"] is None:
            del attrs["class"]
    pad = " " * indent
    highlighted = _kramdown_highlight(code, lang or class_lang)
    if highlighted is not None:
        _mark_highlighted(attrs, class_lang or "plaintext")
        return (f'{pad}<div{_html_attributes(attrs)}><div class="highlight"><pre class="highlight">'
                f"<code>{highlighted}</code></pre></div>{pad}</div>\n")
    body = _chomp(_escape(code))
    if re.search(r"\bshow-whitespaces\b", attrs.get("class") or ""):
        body = _show_whitespace(body)
    code_attrs = {"class": f"language-{class_lang}"} if class_lang else {}
    return (f"{pad}<pre{_html_attributes(attrs)}><code{_html_attributes(code_attrs)}>"
            f"{body}\n</code></pre>\n")


def _show_whitespace(body: str) -> str:
    """kramdown's `show-whitespaces` class: spans marking leading, trailing and inner blanks."""
    def mark(match: re.Match[str]) -> str:
        suffix = "-l" if match.group(1) else "-r" if match.group(2) else ""
        return "".join(f'<span class="ws-tab{suffix}">\t</span>' if c == "\t"
                       else f'<span class="ws-space{suffix}">&#8901;</span>' for c in match.group())
    return re.sub(r"(^[ \t]+)|([ \t]+$)|([ \t]+)", mark, body, flags=re.M)


def highlight_span(code: str, lang: str | None = None,
                   attrs: dict[str, str | None] | None = None) -> str:
    """A kramdown code span (`` `x` ``, `` `x`{:.language-ruby} ``) as Jekyll renders it.

    `lang` overrides a `language-X` class in `attrs`; without either the span is plain text.
    """
    attrs = dict(attrs or {})
    match = _LANGUAGE_CLASS.search(attrs.get("class") or "")
    lang = lang or (match.group(1) if match else None)
    highlighted = _kramdown_highlight(code, lang)
    if highlighted is None:
        return f"<code{_html_attributes(attrs)}>{_escape(code)}</code>"
    _mark_highlighted(attrs, lang or "plaintext")
    return f"<code{_html_attributes(attrs)}>{highlighted}</code>"
