"""Syntax highlighting: the HTML Jekyll 4.3 emits with Rouge 3.30 and kramdown 2.4, made with Pygments.

Rouge borrowed Pygments' token vocabulary and short CSS class names, so a Pygments token stream can
be rendered the way Rouge renders its own: adjacent tokens of one class merged into one span, plain
text left unwrapped, only ``& < >`` escaped.  The lexers themselves differ.  Per-language
"flavours" (`_FLAVOURS`) retag, split and glue Pygments' tokens where Rouge's lexer systematically
classifies a kind of token differently; console and docker, whose Rouge lexers are simple and
common, get small lexers of their own.  What remains different is recorded in the tests.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import IO
from typing import Iterable
from typing import Iterator

import pygments.lexers.css
from pygments.formatters.html import HtmlFormatter
from pygments.lexer import Lexer
from pygments.lexer import RegexLexer
from pygments.lexer import bygroups
from pygments.lexers import get_lexer_by_name
from pygments.style import Style
from pygments.styles import get_style_by_name
from pygments.token import STANDARD_TYPES
from pygments.token import Token
from pygments.token import _TokenType

Tokens = list[list[str]]  # [css class, text] pairs, mutable while flavours run

# Every Rouge 3.30 lexer: "tag[=pygments-alias][:alias|alias...]".  The Pygments alias defaults to
# the tag; "text" marks a language Rouge knows but Pygments has no lexer for (it still counts as
# known, which matters: kramdown leaves code in unknown languages unhighlighted).
_ROUGE_LEXERS = """
abap actionscript:as|as3 ada apache=apacheconf applescript apex=java apiblueprint=markdown:apib
armasm=text augeas:aug awk batchfile=bat:bat|batch|dosbatch|winbatch bbcbasic bibtex:bib biml=xml
bpf=text brainfuck brightscript=text:bs|brs bsl=text c ceylon cfscript=cfs:cfc clean
clojure:clj|cljs cmake cmhg=text coffeescript:coffee|coffee-script
common_lisp=common-lisp:cl|common-lisp|elisp|emacs-lisp|lisp conf=text:config|configuration
console=rouge-console:terminal|shell_session|shell-session coq cpp:c++ crystal:cr csharp:c#|cs css
csvs=text cuda cypher cython:pyx|pyrex d:dlang dafny=text dart datastudio=text diff:patch|udiff
digdag=yaml docker=rouge-docker:dockerfile|Dockerfile dot ecl eex=text:leex|heex eiffel elixir:exs
elm email:eml|e-mail epp=text erb=rhtml:eruby|rhtml erlang:erl escape=text:esc factor
fluent=text:ftl fortran freefem:ff fsharp gdscript:gd ghc-cmm=text:cmm ghc-core=haskell
gherkin:cucumber|behat glsl go:golang gradle=groovy graphql groovy hack=php:hh haml:HAML
handlebars=html+handlebars:hbs|mustache haskell:hs haxe:hx hcl hlsl hocon=json hql=sql html http
hylang:hy idlang=idl idris:idr igorpro ini io irb=rbcon:pry irb_output=ruby isabelle:isa|Isabelle
isbl=text j janet:jdn java javascript:js jinja=html+jinja:django jsl=text json json-doc=json:jsonc
jsonnet jsp jsx:react julia:jl kotlin lasso=html+lasso:lassoscript lean liquid
literate_coffeescript=markdown:litcoffee literate_haskell=lhs:lithaskell|lhaskell|lhs
livescript:ls llvm lua lustre=text lutin=text m68k=text magik=text
make:makefile|mf|gnumake|bsdmake markdown:md|mkd mason mathematica:wl matlab:m meson minizinc=text
moonscript:moon mosel msgtrans=text mxml nasm nesasm=text:nes nginx nial=text nim:nimrod nix:nixos
objective_c=objective-c:objc|obj-c|obj_c|objectivec
objective_cpp=objective-c++:objcpp|obj-cpp|obj_cpp|objectivecpp|objc++|obj-c++|obj_c++|objectivec++
ocaml ocl=text:OCL openedge opentype_feature_file=text:fea|opentype|opentypefeature pascal=delphi
perl:pl php:php3|php4|php5 plaintext=text:text plist=text plsql=sql pony postscript:postscr|ps|eps
powershell:posh|microsoftshell|msshell praat prolog prometheus=promql properties protobuf:proto
puppet:pp python:py q:kdb+ qml r=splus:R|s|S racket reasonml rego rescript=text
robot_framework=robotframework:robot|robot-framework ruby:rb
rust:rs|rust,no_run|rs,no_run|rust,ignore|rs,ignore|rust,should_panic|rs,should_panic sas sass
scala scheme scss sed shell=bash:bash|zsh|ksh|sh sieve slice=text slim smalltalk:st|squeak
smarty=html+smarty sml:ml solidity sparql sqf=text sql ssh=text stan stata supercollider swift
systemd:unit-file syzlang=text syzprog=text tap tcl terraform:tf tex:TeX|LaTeX|latex toml tsx
ttcn3=text tulip=text turtle twig=html+twig typescript:ts vala vb=vbnet:visualbasic
vcl:varnishconf|varnish velocity=html+velocity verilog vhdl viml=vim:vim|vimscript|ex vue:vuejs
wollok=text xml xojo=text:realbasic xpath=xquery xquery yaml:yml yang zig:zir
"""


def _parse_lexer_table(table: str) -> tuple[dict[str, str], dict[str, str]]:
    """Rouge name or alias -> Rouge tag, and Rouge tag -> Pygments alias."""
    tags: dict[str, str] = {}
    pygments_aliases: dict[str, str] = {}
    for entry in table.split():
        head, _, aliases = entry.partition(":")
        tag, _, pyg = head.partition("=")
        pygments_aliases[tag] = pyg or tag
        tags[tag] = tag
        tags.update((alias, tag) for alias in aliases.split("|") if alias)
    return tags, pygments_aliases


ROUGE_TAGS, _PYGMENTS_ALIAS = _parse_lexer_table(_ROUGE_LEXERS)


def rouge_tag(name: str | None) -> str | None:
    """Rouge's canonical tag for a language name or alias (exact and case-sensitive, as Rouge)."""
    return None if name is None else ROUGE_TAGS.get(name.split("?", 1)[0])


def pygments_lexer(name: str | None, code: str = "") -> Lexer | None:
    """The Pygments lexer standing in for Rouge's lexer `name` (tag or alias); None if Rouge has none.

    `code` matters where Rouge decides by content: ``guess``, and PHP, which is HTML with embedded
    PHP when the code starts with markup and bare PHP otherwise.
    """
    found = _resolve(name, code)
    return found[1] if found else None


def _resolve(name: str | None, code: str) -> tuple[str, Lexer] | None:
    """Rouge's ``Lexer.find_fancy``: the tag and a lexer for it (``?options`` are ignored)."""
    if name is not None and name.split("?", 1)[0] == "guess":
        name = _guess(code)
    tag = rouge_tag(name)
    if tag is None:
        return None
    if tag == "php" and not (re.match(r"\s*<", code) or re.match(r"[^$]+<\?(php|=)", code, re.I)):
        return tag, _pygments_lexer("php", startinline=True)
    return tag, _pygments_lexer("html+php" if tag == "php" else _PYGMENTS_ALIAS[tag])


@lru_cache(maxsize=None)
def _pygments_lexer(alias: str, **options: object) -> Lexer:
    if alias == "rouge-console":
        return RougeConsoleLexer()
    if alias == "rouge-docker":
        return RougeDockerLexer()
    # stripnl/ensurenl off: Rouge lexes exactly the text it is given.
    return get_lexer_by_name(alias, stripnl=False, ensurenl=False, **options)


_SHEBANGS = {"python": "python", "ruby": "ruby", "perl": "perl", "node": "javascript",
             "bash": "shell", "sh": "shell", "zsh": "shell", "ksh": "shell", "php": "php",
             "lua": "lua", "awk": "awk", "Rscript": "r", "julia": "julia", "crystal": "crystal"}


def _guess(code: str) -> str:
    """Rouge's source-only guess, for its common signals; plaintext when nothing fits."""
    first = code.split("\n", 1)[0]
    shebang = re.match(r"#!\s*(?:/usr)?(?:/local)?/bin/(?:env\s+)?(\w+?)[\d.]*(?:\s|$)", first)
    if shebang and shebang.group(1) in _SHEBANGS:
        return _SHEBANGS[shebang.group(1)]
    if code.startswith("<?xml"):
        return "xml"
    if re.match(r"\s*<!DOCTYPE\s+html\b", code, re.I) or re.search(r"<\s*html\b", code):
        return "html"
    if re.search(r"^<\?php", code, re.M):
        return "php"
    if code.startswith("Index: ") or re.search(r"---.*?\n[+][+][+]", code):
        return "diff"
    return "plaintext"


def _as_text(tokens: Iterable[tuple[int, _TokenType, str]], offset: int
             ) -> Iterator[tuple[int, _TokenType, str]]:
    """Shell tokens as Rouge's shell lexer yields them: its whitespace is plain Text."""
    for index, tokentype, value in tokens:
        plain = tokentype in Token.Text.Whitespace
        yield offset + index, Token.Text if plain else tokentype, value


class RougeConsoleLexer(Lexer):
    """Rouge's `console` lexer: prompts, commands lexed as shell, and everything else output.

    Pygments' BashSessionLexer knows fewer prompt shapes; Rouge takes any line up to its first
    ``$``, ``#``, ``>`` or ``;`` as a prompt, and a line of dots as an elision.
    """

    name = "Rouge console"
    aliases = ["rouge-console"]

    def get_tokens_unprocessed(self, text: str) -> Iterator[tuple[int, _TokenType, str]]:
        pos = 0
        for line in re.findall(r"[^\n]*\n|[^\n]+", text):
            prompt = re.match(r".*?[$#>;]", line)
            if re.fullmatch(r"\s*(?:<\.+>|\.+)\s*", line):
                yield pos, Token.Comment, line
            elif prompt:
                start = prompt.end() + len(line[prompt.end():]) - len(line[prompt.end():].lstrip())
                command = line[start:].rstrip("\n")
                yield pos, Token.Generic.Prompt, prompt.group()
                yield pos + prompt.end(), Token.Text.Whitespace, line[prompt.end():start]
                shell = _pygments_lexer("bash").get_tokens_unprocessed(command)
                yield from _as_text(shell, pos + start)
                # The command's line break is Whitespace ("w") only until the console flavour
                # makes it plain: it keeps the shell flavour's lookaheads inside the line.
                yield pos + start + len(command), Token.Text.Whitespace, line[start + len(command):]
            else:
                yield pos, Token.Generic.Output, line
            pos += len(line)


def _run_as_shell(lexer: Lexer, match: re.Match[str]) -> Iterator[tuple[int, _TokenType, str]]:
    yield from _as_text(_pygments_lexer("bash").get_tokens_unprocessed(match.group()), match.start())


_DOCKER_KEYWORDS = ("FROM|MAINTAINER|CMD|LABEL|EXPOSE|ENV|ADD|COPY|ENTRYPOINT|VOLUME|USER|WORKDIR|"
                    "ARG|STOPSIGNAL|HEALTHCHECK|SHELL")


class RougeDockerLexer(RegexLexer):
    """Rouge's `docker` lexer: an instruction and its argument as one string, RUN lines as shell.

    Pygments' DockerLexer splits arguments into JSON and shell tokens, which Rouge never does.
    """

    name = "Rouge docker"
    aliases = ["rouge-docker"]
    flags = re.IGNORECASE | re.MULTILINE
    tokens = {
        "root": [
            (r"\s+", Token.Text),
            (r"^(FROM)(\s+)(.*)(\s+)(AS)(\s+)(.*)", bygroups(
                Token.Keyword, Token.Text.Whitespace, Token.String, Token.Text.Whitespace,
                Token.Keyword, Token.Text.Whitespace, Token.String)),
            (rf"^(ONBUILD)(\s+)({_DOCKER_KEYWORDS})(.*)",
             bygroups(Token.Keyword, Token.Text.Whitespace, Token.Keyword, Token.String)),
            (rf"^({_DOCKER_KEYWORDS})\b(.*)", bygroups(Token.Keyword, Token.String)),
            (r"#.*?$", Token.Comment),
            (r"^(?:ONBUILD\s+)?RUN\s+", Token.Keyword, "run"),
            (r"\w+|\W+", Token.Text),
        ],
        "run": [
            (r"\n", Token.Text, "#pop"),
            (r"(?s)\\.", Token.String.Escape),
            (r"(?:\\.|[^\n\\])+", _run_as_shell),
        ],
    }


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
    lexer = lexer or _pygments_lexer(_PYGMENTS_ALIAS[tag])
    # Pygments' lexers expect a final newline (get_tokens would add one): lex with one, then drop
    # it so the text round-trips exactly.  get_tokens would also rewrite CRLF, which Rouge keeps.
    added = not code.endswith("\n")
    text = code + "\n" if added else code
    raw = [(tokentype, value) for _, tokentype, value in lexer.get_tokens_unprocessed(text)]
    if "".join(value for _, value in raw) != text:
        # A few Pygments lexers rewrite their input (robotframework) or trip over CRLF (hcl):
        # better unhighlighted than altered code.
        raw = [(Token.Text, text)]
    return _to_rouge(raw, tag, added)


def _to_rouge(raw: Iterable[tuple[_TokenType, str]], tag: str, drop_newline: bool = False
              ) -> list[tuple[str, str]]:
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


def _matches(token: list[str], cls: str | None, pattern: str | None) -> re.Match[str] | None:
    if cls is not None and not re.fullmatch(cls, token[0]):
        return None
    return re.fullmatch(pattern or ".*", token[1], re.S)


def _ahead(tokens: Tokens, index: int, pattern: str) -> bool:
    following = tokens[index][1] if index < len(tokens) else ""
    return re.match(pattern, following) is not None


def _escape(text: str) -> str:
    """Rouge's escaping: only the three characters that could open markup; quotes stay as typed."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _chomp(text: str) -> str:
    """Ruby's String#chomp: drop one trailing line break (LF, CRLF or CR)."""
    for end in ("\r\n", "\n", "\r"):
        if text.endswith(end):
            return text[: -len(end)]
    return text


class RougeHtmlFormatter(HtmlFormatter):
    """Pygments' HTML formatter writing Rouge's span stream (``Rouge::Formatters::HTML``).

    A subclass so ``get_style_defs`` describes exactly the classes written, and so that
    ``pygments.highlight(code, lexer, RougeHtmlFormatter(tag="ruby"))`` works; `tag` names the
    Rouge lexer whose flavour applies.
    """

    def __init__(self, tag: str = "plaintext", **options: object) -> None:
        super().__init__(nowrap=True, **options)
        self.tag = tag

    def format_unencoded(self, tokensource: Iterable[tuple[_TokenType, str]], outfile: IO[str]) -> None:
        outfile.write(render_spans(_to_rouge(tokensource, self.tag)))


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
HIGHLIGHT_SYNTAX = re.compile(r'^([a-zA-Z0-9.+#_-]+)((\s+\w+(=(\w+|"([0-9]+\s)*[0-9]+"))?)*)$')
_OPTION = re.compile(r'(?:\w="[^"]*"|\w=\w|\w)+')


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
    code = re.sub(r"\A[\n\r]+|[\n\r]+\Z", "", code)
    tag, lexer = _resolve(lang, code) or ("plaintext", _pygments_lexer("text"))
    html = render_spans(rouge_tokens(code, tag, lexer))
    if (options or {}).get("linenos"):
        html = _lines_table(code, html)
    return (f'<figure class="highlight"><pre><code class="language-{lang.replace("+", "-")}" '
            f'data-lang="{lang}">{_chomp(html)}</code></pre></figure>')


_ENTITY = re.compile(r"&(?:[A-Za-z0-9_:][-A-Za-z0-9_.:]*;|#\d+;|#x[0-9a-fA-F]+;)")
_LANGUAGE_CLASS = re.compile(r"\blanguage-(\S+)")


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
    found = _resolve(lang or "plaintext", code)
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
