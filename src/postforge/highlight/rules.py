"""Rouge's token classes: the per-language rules rewriting Pygments' tokens into the ones Rouge yields.

Rouge borrowed Pygments' token vocabulary and short CSS class names, so Pygments' token types map
onto Rouge's classes; where a Rouge lexer systematically classifies a kind of token differently,
per-language "flavours" (`_FLAVOURS`) retag, split and glue the tokens.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable
from typing import Iterator

import pygments.lexers.css
from pygments.lexer import Lexer
from pygments.token import STANDARD_TYPES
from pygments.token import Token
from pygments.token import _TokenType

from postforge.highlight.lexers import PYGMENTS_ALIAS
from postforge.highlight.lexers import lexer_by_alias

Tokens = list[list[str]]  # [css class, text] pairs, mutable while flavours run

# Rouge lexers that emit Text.Whitespace ("w" spans); the others emit whitespace as plain Text, so
# Pygments' Whitespace tokens are demoted to Text for them.
_WHITESPACE_TAGS = frozenset("""
applescript bpf brightscript clean clojure console coq csvs cypher docker elm fluent fortran
graphql hocon hylang idlang isabelle janet jsl json json-doc lasso liquid magik mason mathematica
matlab minizinc moonscript nim opentype_feature_file plist powershell q r robot_framework slim
sparql sqf stata syzlang syzprog turtle wollok xojo xpath xquery yang
""".split())

# Rouge's class names: Pygments' standard ones, less the two Rouge lacks, plus the four it adds.
_ROUGE_CLASSES = {str(t): s for t, s in STANDARD_TYPES.items() if s not in ("ges", "pm")}
_ROUGE_CLASSES.update({"Token.Keyword.Variable": "kv", "Token.Literal.Number.Other": "mx",
                       "Token.Punctuation.Indicator": "pi", "Token.Generic.Lineno": "gl"})


def _rouge_class(tokentype: _TokenType, whitespace: bool) -> str:
    """The CSS class Rouge gives this Pygments token type (its nearest known ancestor's)."""
    if not whitespace and tokentype in Token.Text.Whitespace:
        return ""
    while tokentype is not Token and str(tokentype) not in _ROUGE_CLASSES:
        tokentype = tokentype.parent
    return _ROUGE_CLASSES.get(str(tokentype), "")


def _words(words: str) -> str:
    return "|".join(words.split())


# Where a Rouge lexer systematically tokenizes differently from its Pygments stand-in: ordered
# passes over the token list, each matching a token's class and whole text (regexes; None: any):
#   (class, regex, new)             retag a token; "a,b,c" splits it by the regex's groups;
#                                   "*new" gives `new` to every match of the (one-group) regex
#   (class, regex, class2, regex2, new, new2)   retag a token and the one after it
# either optionally followed by a regex the next token's text must start with (a lookahead).
# Same-class neighbours are merged afterwards, so "glue" rules give both tokens one class.
_JS_WORDS = "n[xb]?|k[a-z]?|ow"
_JS_OBJECT_KEY = ("nx", None, "p", ":", "na", "p")
_SH_KEYWORDS = _words("if fi else while do done for then return function select continue until "
                      "esac elif in")
_SH_BUILTINS = _words("""
    alias bg bind break builtin caller cd command compgen complete declare dirs disown enable eval
    exec exit export false fc fg getopts hash help history jobs let local logout mapfile popd pushd
    pwd read readonly set shift shopt source suspend test time times trap true type typeset ulimit
    umask unalias unset wait cat tac nl od base32 base64 fmt pr fold head tail split csplit wc sum
    cksum b2sum md5sum sha1sum sha224sum sha256sum sha384sum sha512sum sort shuf uniq comm ptx
    tsort cut paste join tr expand unexpand ls dir vdir dircolors cp dd install mv rm shred link ln
    mkdir mkfifo mknod readlink rmdir unlink chown chgrp chmod touch df du stat sync truncate echo
    printf yes expr tee basename dirname pathchk mktemp realpath stty printenv tty id logname
    whoami groups users who date arch nproc uname hostname hostid uptime chcon runcon chroot env
    nice nohup stdbuf timeout kill sleep factor numfmt seq tar grep sudo awk sed gzip gunzip""")
# Rouge files CSS colour names as constants; Pygments keeps the same list (privately).
_CSS_COLOURS = "|".join(getattr(pygments.lexers.css, "_color_keywords", ())) or "$^"
_NUM = r"-?\d+(?:\.\d+)?"
_FLAVOURS: dict[str, list[tuple[str | None, ...]]] = {
    "yaml": [("no", None, "s"), ("nt", None, "na"), ("p", ":", "pi"), ("l", _NUM, "", r"\n", "m", ""),
             ("l", "true|false|null", "no"), ("l", None, "s"), ("s", '"', "s", None, "s2", "s"),
             ("s", "'", "s", None, "s1", "s")],
    "ruby": [("o", r"[\[\]]", "p"), ("o", r"\.", "mi", None, "mf", "mf"),
             ("mi", None, "mf", r"\.", "mf", "mf"), ("o", r"\.", "n", None, "p", "nf"),
             ("kp", "attr_(?:reader|writer|accessor)", "nb"), ("ss", None, "p", ":", "ss", "ss"),
             ("ss", ":", "", "[ \t]+", "ss", "ss")],
    "python": [("nd", r"(@)(\w+)", "o,n"), ("s[12d]", None, "s"), ("c1", None, "", "\n", "c1", "c1"),
               ("nb", "print|exec", "k"), ("kc", None, "bp"), ("ne", None, "nb"), ("vm", None, "n"),
               ("fm", None, "nf"), ("mi", None, "n", "[jJ]", "mf", "mf"), ("o", r"\.", "p")],
    "javascript": [("s[12]", r"(\\.)", "*se"), ("p", "=>", "o"), ("sb", None, "s2"),
                   ("si", r"\$\{|\}", "p"), ("o", r"[?:]", "p"),
                   ("s1", "(')(.*)", "dl,s1"), ("s1", "(.*)(')", "s1,dl"), ("s2", '(")(.*)', "dl,s2"),
                   ("s2", '(.*)(")', "s2,dl"), ("mf", r"\d+", "mi"), _JS_OBJECT_KEY,
                   (_JS_WORDS, _words("as async await break case catch continue debugger default "
                    "delete do else export finally from for if import in instanceof new of return "
                    "super switch this throw try typeof void while yield"), "k"),
                   (_JS_WORDS, _words("var let const with function class extends constructor get "
                    "set static"), "kd"),
                   (_JS_WORDS, _words("enum implements interface package private protected public"), "kr"),
                   (_JS_WORDS, _words("true false null NaN Infinity undefined"), "kc"),
                   (_JS_WORDS, _words("Array Boolean Date Error Function Math Number Object RegExp "
                    "String decodeURI decodeURIComponent encodeURI encodeURIComponent eval isFinite "
                    "isNaN parseFloat parseInt document window navigator self global Promise Set Map "
                    "WeakSet WeakMap Symbol Proxy Reflect"), "nb")],
    "shell": [("ch|c1", r"(.*?)(\n?)", "c,"), ("m", None, ""), ("p", r"\|", ""), ("si", None, "k"),
              ("", r"--?[\w-]+", "nt"), ("", r"[>!]+", "o"), ("", r"([^*]*)(\*)(.*)", ",k,"),
              ("", _SH_BUILTINS, "nb", r"(?![.-])"), ("k", _SH_KEYWORDS, "", r"\s+", "k", "k", r"\w"),
              ("nb", _SH_BUILTINS, "", r"\s+", "nb", "nb", r"\w")],
    "html": [("p", "[</>]", "nt"), ("na", None, "o", "=", "na", "na"), ("cm", None, "c")],
    "css": [("k", None, "nl"), ("p", "@", "nl", None, "k", "k"), ("p", r"\.", "nc", None, "nc", "nc"),
            ("p", ":+", "nd", None, "nd", "nd"), ("p", "#", "nn", None, "nf", "nf"), ("m[ifh]?", None, "m"),
            ("m", None, "kt", None, "m", "m"), ("s2", None, "s1"), ("nb|nt", "url", "p|o", r"\(", "sx", "sx"),
            ("sx", r"\(", "s1", None, "sx", "sx"), ("sx", None, "p|o", r"\)", "sx", "sx"),
            ("nb", None, "n"), ("kc", _CSS_COLOURS, "no"), ("kc", None, "nb"), ("o", "-", "n")],
    "go": [("k[nd]", None, "k"), ("nx", None, "n"), ("c1|cm", None, "c"), ("m[a-z]?", None, "m"),
           ("kc", None, "no"), ("p", r"\.|=", "o")],
    "java": [("p", None, "o"), ("n", r"[A-Z][A-Z0-9_]*", "no"), ("n", r"[A-Z][A-Za-z0-9]*", "nc")],
    "c": [("c1", r"(.*?)(\n)", "c1,"), ("nc", None, "n"), ("mf", r"(\d*)(\.)(\d+)([fFlL]?)", "mi,p,mi,n")],
    "sql": [("c1", r"(.*?)(\n)", "c1,"), ("ss", None, "nv")],
    "diff": [("gh", None, "", "\n", "gh", "gh"), ("gd", None, "", "\n", "gd", "gd"),
             ("gi", None, "", "\n", "gi", "gi"), ("gu", None, "p")],
    "toml": [("c1", None, "c"), ("k", None, "nn"), ("n", None, "p", r"\.", "py", "py"),
             ("py", None, "n", None, "py", "py"),
             ("n", None, "py"), ("o", "=", "p"), ("s[12]", None, "s"), ("ld", None, "mi")],
    "ini": [("c1", None, "", "\n", "c", "c"), ("c1", None, "c"), ("k", None, "nn"),
            ("na", None, "py"), ("o", "=", "p")],
    "rust": [("c1", r"(.*?)(\n)", "c1,"), ("kd", None, "k"), ("fm", None, "nd"), ("cp", None, "nd"),
             ("kt", None, "nb"),
             ("kp", "&", "o"), ("p|o", "->|=>", "k"), ("nc", "Self", "k"), ("nc", None, "n")],
    "json": [("nt", None, "nl"), ("mf", r"-?\d+(?:[eE][-+]?\d+)?", "mi")],
}

# The console's and docker's commands are Rouge's shell lexer's.
_FLAVOURS["console"] = [*_FLAVOURS["shell"], ("w", "\n", "")]
_FLAVOURS["docker"] = _FLAVOURS["shell"]
_FLAVOURS["php"] = [("si", r"\$\w+", "nv")]
# TypeScript's `name: Type` annotations are not object keys.
_FLAVOURS["typescript"] = [*(r for r in _FLAVOURS["javascript"] if r is not _JS_OBJECT_KEY),
                           ("kt", "string|number|boolean|any|void|never|unknown|object|symbol", "kr"),
                           ("kt", None, "nx")]
# Lexers Rouge derives from another share its flavour.
for _tag, _base in {"jsx": "javascript", "tsx": "typescript", "cpp": "c", "xml": "html",
                    "vue": "html", "json-doc": "json", "hocon": "json"}.items():
    _FLAVOURS[_tag] = _FLAVOURS[_base]


def rouge_tokens(code: str, tag: str, lexer: Lexer | None = None) -> list[tuple[str, str]]:
    """(css class, text) pairs as Rouge's lexer `tag` would yield them, same-class neighbours merged."""
    lexer = lexer or lexer_by_alias(PYGMENTS_ALIAS[tag])
    # Pygments' lexers expect a final newline (get_tokens would add one): lex with one, then drop
    # it so the text round-trips exactly.  get_tokens would also rewrite CRLF, which Rouge keeps.
    added = not code.endswith("\n")
    text = code + "\n" if added else code
    raw = [(tokentype, value) for _, tokentype, value in lexer.get_tokens_unprocessed(text)]
    if "".join(value for _, value in raw) != text:
        # A few Pygments lexers rewrite their input (robotframework) or trip over CRLF (hcl):
        # better unhighlighted than altered code.
        raw = [(Token.Text, text)]
    return to_rouge(raw, tag, added)


def to_rouge(raw: Iterable[tuple[_TokenType, str]], tag: str, drop_newline: bool = False
             ) -> list[tuple[str, str]]:
    """Pygments' (token type, text) pairs as Rouge's lexer `tag` would yield them, merged.

    Separate from `rouge_tokens` for the HTML formatter, which is handed a token stream already
    lexed; `drop_newline` removes the final newline `rouge_tokens` added for Pygments' sake.
    """
    whitespace = tag in _WHITESPACE_TAGS
    tokens = [[_rouge_class(tokentype, whitespace), value] for tokentype, value in raw if value]
    if drop_newline and tokens:
        tokens[-1][1] = tokens[-1][1][:-1]
    if _FLAVOURS.get(tag) is _FLAVOURS["html"]:
        for start, end, inner in reversed(list(_embedded(tokens))):
            tokens[start:end] = _flavour(inner, tokens[start:end])
    merged: list[tuple[str, str]] = []
    for cls, value in _flavour(tag, tokens):
        if merged and merged[-1][0] == cls:
            merged[-1] = (cls, merged[-1][1] + value)
        elif value:
            merged.append((cls, value))
    return merged


def _flavour(tag: str, tokens: Tokens) -> Tokens:
    for rule in _FLAVOURS.get(tag, ()):
        tokens = _apply(rule, tokens)
    return tokens


def _embedded(tokens: Tokens) -> Iterator[tuple[int, int, str]]:
    """The token ranges of <script> and <style> contents, which Rouge lexes as JS and CSS."""
    i = 1
    while i < len(tokens):
        if tokens[i][0] == "nt" and tokens[i][1] in ("script", "style") and tokens[i - 1][1] == "<":
            start = next((j + 1 for j in range(i, len(tokens)) if tokens[j][1] == ">"), len(tokens))
            end = next((j for j in range(start, len(tokens) - 1)
                        if tokens[j][1] == "<" and tokens[j + 1][1] == "/"), len(tokens))
            yield start, end, "javascript" if tokens[i][1] == "script" else "css"
            i = end
        i += 1


def _apply(rule: tuple[str | None, ...], tokens: Tokens) -> Tokens:
    """One pass of a flavour rule over the token list (see `_FLAVOURS`)."""
    if len(rule) >= 6:
        cls, pattern, cls2, pattern2, new, new2, *ahead = rule
        for i in range(len(tokens) - 1):
            if (_matches(tokens[i], cls, pattern) and _matches(tokens[i + 1], cls2, pattern2)
                    and (not ahead or _ahead(tokens, i + 2, ahead[0]))):
                tokens[i][0], tokens[i + 1][0] = new, new2
        return tokens
    cls, pattern, new, *ahead = rule
    out: Tokens = []
    for i, token in enumerate(tokens):
        if new.startswith("*"):
            parts = re.split(pattern or "", token[1]) if _matches(token, cls, None) else [token[1]]
            out.extend([new[1:] if k % 2 else token[0], part] for k, part in enumerate(parts) if part)
            continue
        match = _matches(token, cls, pattern)
        if not match or (ahead and not _ahead(tokens, i + 1, ahead[0])):
            out.append(token)
        elif "," in new:
            out.extend([c, g] for c, g in zip(new.split(","), match.groups()) if g)
        else:
            out.append([new, token[1]])
    return out


@lru_cache(maxsize=None)
def _compiled(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """Rules name their patterns as strings; compile each once (``re``'s own cache lookup showed
    up at 10% of a 1,000-post build's profile)."""
    return re.compile(pattern, flags)


def _matches(token: list[str], cls: str | None, pattern: str | None) -> re.Match[str] | None:
    if cls is not None and not _compiled(cls).fullmatch(token[0]):
        return None
    return _compiled(pattern or ".*", re.S).fullmatch(token[1])


def _ahead(tokens: Tokens, index: int, pattern: str) -> bool:
    following = tokens[index][1] if index < len(tokens) else ""
    return _compiled(pattern).match(following) is not None
