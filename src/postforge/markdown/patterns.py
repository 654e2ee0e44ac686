"""kramdown's grammar as Python regular expressions: the block and span start patterns, shared.

kramdown (2.4, with kramdown-parser-gfm 1.1) recognises each construct by a start pattern tried at
the scan position, in a fixed order; paragraphs, list items and block quotes end where one of a
few of these patterns matches.  The translation keeps Ruby's meaning:

* Ruby's ``\\s``, ``\\w`` and ``\\d`` are ASCII-only, so they are spelled out (``S``, ``W``);
  ``[[:alpha:]]`` and ``\\p{Word}`` stay Unicode.
* kramdown's StringScanner lets ``^`` match at the scan position even mid-line, and every pattern
  here is used with ``match(text, pos)``, which anchors there: so a leading ``^`` is dropped, and
  an inner one (always right after a ``\\n``) is redundant.
* A line's rest is ``[^\\n]*\\n``, not ``.*?\\n``: the same match (no pattern here is used with
  ``re.S``), but the engine runs through a greedy character class far faster than a lazy dot.
* Backreferences use named groups, because the block parser joins the start patterns into one
  scanner regex (mistune's design) where group numbers shift.

Plugins (footnotes, definition lists, attribute lists …) import what they need from here so that
every rule agrees on where a paragraph or a list item ends.
"""

from __future__ import annotations

import re

from postforge.regexes import LazyPattern

__all__ = [
    "S", "NS", "W", "UNAME", "OPT_SPACE", "INDENT", "BLANK_LINE", "EOB_MARKER",
    "ALD_ID_NAME", "ALD_ANY_CHARS", "IAL_BLOCK", "IAL_BLOCK_START", "ALD_START", "EXT_BLOCK_START",
    "BLOCK_EXTENSIONS_START", "LIST_ITEM_IAL", "LIST_ITEM_IAL_CHECK",
    "LAZY_END_HTML_START", "LAZY_END_HTML_STOP", "LAZY_END", "PATTERN_TAIL",
    "LIST_START_UL", "LIST_START_OL", "LIST_START", "DEFINITION_LIST_START", "BLOCKQUOTE_START",
    "ATX_HEADER_START", "ATX_HEADER_START_GFM", "SETEXT_HEADER_START", "HEADER_ID", "HR_START",
    "FENCED_CODEBLOCK_START", "FENCED_CODEBLOCK_MATCH", "FENCED_CODEBLOCK_START_GFM",
    "FENCED_CODEBLOCK_MATCH_GFM", "CODEBLOCK_MATCH", "PARAGRAPH_START", "PARAGRAPH_END",
    "PARAGRAPH_END_GFM", "BLOCK_BOUNDARY", "LINK_DEFINITION_START", "BLOCK_MATH_START",
    "HTML_BLOCK_START", "HTML_TAG", "HTML_TAG_CLOSE", "HTML_COMMENT", "HTML_INSTRUCTION",
    "HTML_ATTRIBUTE", "HTML_ENTITY", "REFERENCE", "TRAILING_WHITESPACE", "ESCAPED_CHARS",
    "ESCAPED_CHARS_GFM", "paragraph_re", "LazyPattern",
]

#: Ruby's ``\s``, a non-space, and ``\w``: ASCII only
S = r"[ \t\n\x0b\f\r]"
NS = r"[^ \t\n\x0b\f\r]"
W = r"[A-Za-z0-9_]"
#: REXML's ``UNAME_STR``: an XML name with an optional prefix; letters are Unicode ([[:alpha:]])
_NCNAME = r"[^\W\d][-\w.]*"
UNAME = rf"(?:{_NCNAME}:)?{_NCNAME}"

OPT_SPACE = r" {0,3}"
INDENT = r"(?:\t| {4})"
BLANK_LINE = r"(?:[ \t\x0b\f\r]*\n)+"
EOB_MARKER = r"\^[ \t\x0b\f\r]*\n"

# attribute lists and extensions (their parsing lives in the attribute-list plugin)
ALD_ID_NAME = rf"{W}[A-Za-z0-9_-]*"
ALD_ANY_CHARS = r"(?:\\\}|[^}])"
IAL_BLOCK = rf"\{{:(?!:|/)({ALD_ANY_CHARS}+)\}}[ \t\x0b\f\r]*\n"
IAL_BLOCK_START = OPT_SPACE + IAL_BLOCK
ALD_START = rf"{OPT_SPACE}\{{:({ALD_ID_NAME}):({ALD_ANY_CHARS}+)\}}[ \t\x0b\f\r]*\n"
_EXT_START = rf"\{{::({W}+)(?:{S}({ALD_ANY_CHARS}*?)|)(/)?\}}"
_EXT_STOP = r"\{:/(%s)?\}"
EXT_BLOCK_START = rf"{OPT_SPACE}(?:{_EXT_START}|{_EXT_STOP % ALD_ID_NAME})[ \t\x0b\f\r]*\n"
BLOCK_EXTENSIONS_START = OPT_SPACE + r"\{:"
LIST_ITEM_IAL = rf"{S}*(?:\{{:(?!(?:{ALD_ID_NAME})?:|/)({ALD_ANY_CHARS}+)\}})[ \t\n\x0b\f\r]*"
LIST_ITEM_IAL_CHECK = rf"(?:{LIST_ITEM_IAL})?{S}*\n"

_LAZY_SPAN = ("a|abbr|acronym|b|big|bdo|br|button|cite|code|del|dfn|em|i|img|input|ins|kbd|label|"
              "mark|option|q|rb|rbc|rp|rt|rtc|ruby|samp|select|small|span|strong|sub|sup|tt|u|var|"
              "script")
LAZY_END_HTML_START = rf"<(?!(?:{_LAZY_SPAN})\b){UNAME}"
LAZY_END_HTML_STOP = rf"</(?!(?:{_LAZY_SPAN})\b){UNAME}{S}*>"
LAZY_END = (rf"{BLANK_LINE}|{IAL_BLOCK_START}|{EOB_MARKER}|{OPT_SPACE}{LAZY_END_HTML_STOP}"
            rf"|{OPT_SPACE}{LAZY_END_HTML_START}|\Z")

PATTERN_TAIL = r"[\t| ][^\n]*\n"
LIST_START_UL = rf"({OPT_SPACE}[+*-])({PATTERN_TAIL})"
LIST_START_OL = rf"({OPT_SPACE}\d+\.)({PATTERN_TAIL})"
LIST_START = rf"(?:{OPT_SPACE}[+*-]|{OPT_SPACE}\d+\.){PATTERN_TAIL}"
DEFINITION_LIST_START = rf"({OPT_SPACE}:)({PATTERN_TAIL})"
BLOCKQUOTE_START = OPT_SPACE + r"> ?"

ATX_HEADER_START = r"(?P<level>#{1,6})[\t ]*(?P<contents>[^ \t].*)\n"
ATX_HEADER_START_GFM = r"(?P<level>#{1,6})[\t ]+(?P<contents>.*)\n"
SETEXT_HEADER_START = rf"{OPT_SPACE}(?P<contents>[^ \t].*)\n(?P<level>[-=])[-=]*[ \t\r\f\x0b]*\n"
# REXML's XML name characters, for `# Header {#id}`
_NAME_START = ("A-Z_a-z:\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff"
               "\u200c-\u200d\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd"
               "\U00010000-\U000effff")
_NAME_CHAR = _NAME_START + r"\-.0-9\u00b7\u0300-\u036f\u203f-\u2040"
HEADER_ID = rf"[\t ]\{{#(?P<id>[{_NAME_START}][{_NAME_CHAR}]*)\}}\Z"
HR_START = rf"{OPT_SPACE}(?P<hr>[*_-])[ \t]*(?P=hr)[ \t]*(?P=hr)(?:(?P=hr)|[ \t])*\n"

FENCED_CODEBLOCK_START = r"~{3,}"
FENCED_CODEBLOCK_MATCH = (rf"(?P<fence>(?P<char>~){{3,}}){S}*?(?P<info>(?P<lang>{NS}+?)(?:\?{NS}*)?)?"
                          rf"{S}*?\n(?P<code>.*?)^(?P=fence)(?P=char)*{S}*?\n")
FENCED_CODEBLOCK_START_GFM = r" {0,3}[~`]{3,}"
FENCED_CODEBLOCK_MATCH_GFM = (rf" {{0,3}}(?P<fence>(?P<char>[~`]){{3,}}){S}*?"
                              rf"(?P<info>(?P<lang>{NS}+?)(?:\?{NS}*)?)?{S}*?\n(?P<code>.*?)"
                              rf"^ {{0,3}}(?P=fence)(?P=char)*{S}*?\n")

_CODE_LAZY_STOP = (rf"{IAL_BLOCK_START}|{EOB_MARKER}|{OPT_SPACE}{LAZY_END_HTML_STOP}"
                   rf"|{OPT_SPACE}{LAZY_END_HTML_START}")
CODEBLOCK_MATCH = (rf"(?:(?:{BLANK_LINE})?(?:{INDENT}[ \t]*{NS}.*\n)+"
                   rf"(?:(?!{_CODE_LAZY_STOP})[ \t]*{NS}.*\n)*)*")

PARAGRAPH_START = rf"{OPT_SPACE}[^ \t][^\n]*\n"
PARAGRAPH_END = rf"{LAZY_END}|{DEFINITION_LIST_START}"
PARAGRAPH_END_GFM = (rf"{LAZY_END}|{LIST_START}|{ATX_HEADER_START_GFM}|{DEFINITION_LIST_START}"
                     rf"|{BLOCKQUOTE_START}|{FENCED_CODEBLOCK_START_GFM}")
BLOCK_BOUNDARY = rf"{BLANK_LINE}|{EOB_MARKER}|{IAL_BLOCK_START}|\Z"

LINK_DEFINITION_START = (rf"{OPT_SPACE}\[([^\n\]]+)\]:[ \t]*(?:<(.*?)>|([^\n]*?{NS}[^\n]*?))"
                         r"(?:(?:[ \t]*?\n|[ \t]+?)[ \t]*?([\"'])(.+?)\4)?[ \t]*?\n")
BLOCK_MATH_START = rf"{OPT_SPACE}(\\)?\$\$(.*?)\$\$({S}*?\n)?"

# HTML (kramdown's Html::Constants)
HTML_TAG = (rf"<(?=(?P<name>{UNAME}))(?P=name){S}*"
            rf"(?P<attrs>(?=(?P<a>(?:{S}+{UNAME}(?:{S}*={S}*(?:\w+|(?P<q>[\"']).*?(?P=q)))?)*))(?P=a))"
            rf"{S}*(?P<close>/)?>")
HTML_TAG_CLOSE = rf"</({UNAME}){S}*>"
HTML_BLOCK_START = rf"{OPT_SPACE}<(?:{UNAME}|!--|/)"
HTML_COMMENT = r"<!--(.*?)-->"
HTML_INSTRUCTION = r"<\?(.*?)\?>"
HTML_ATTRIBUTE = rf"{S}*({UNAME})(?:{S}*={S}*(?:(\w+)|([\"'])(.*?)\3))?"
HTML_ENTITY = r"&([A-Za-z0-9_:][-A-Za-z0-9_.:]*);|&#([0-9]+);|&#x([0-9a-fA-F]+);"
#: REXML's entity reference, which kramdown's escaping leaves alone
REFERENCE = r"&(?:[A-Za-z_:][-A-Za-z0-9_.:]*;|#[0-9]+;|#x[0-9a-fA-F]+;)"
TRAILING_WHITESPACE = r"[ \t]*\n"

ESCAPED_CHARS = r"\\([\\.*_+`<>()\[\]{}#!:|\"'$=-])"
ESCAPED_CHARS_GFM = r"\\([\\.*_+`<>()\[\]{}#!:|\"'$=~-])"


def paragraph_re(end: str, lazy: bool = False) -> re.Pattern[str]:
    """A paragraph's lines: the first, then every line before one where `end` matches."""
    return (LazyPattern if lazy else re.compile)(rf"[^\n]*\n(?:(?!{end})[^\n]*\n)*", re.M)
