"""Rouge's lexers: its lexer table and aliases, which Pygments lexer stands in for each, and guessing.

Rouge knows a language by a tag or one of its aliases; each maps to a Pygments lexer that lexes it
much the same way.  Console and docker, whose Rouge lexers are simple and common, get small lexers
of their own here.  How Rouge classifies tokens differently is `rules`' concern.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable
from typing import Iterator

from pygments.lexer import Lexer
from pygments.lexer import RegexLexer
from pygments.lexer import bygroups
from pygments.lexers import get_lexer_by_name
from pygments.token import Token
from pygments.token import _TokenType


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


ROUGE_TAGS, PYGMENTS_ALIAS = _parse_lexer_table(_ROUGE_LEXERS)


def rouge_tag(name: str | None) -> str | None:
    """Rouge's canonical tag for a language name or alias (exact and case-sensitive, as Rouge)."""
    return None if name is None else ROUGE_TAGS.get(name.split("?", 1)[0])


def pygments_lexer(name: str | None, code: str = "") -> Lexer | None:
    """The Pygments lexer standing in for Rouge's lexer `name` (tag or alias); None if Rouge has none.

    `code` matters where Rouge decides by content: ``guess``, and PHP, which is HTML with embedded
    PHP when the code starts with markup and bare PHP otherwise.
    """
    found = find_lexer(name, code)
    return found[1] if found else None


def find_lexer(name: str | None, code: str) -> tuple[str, Lexer] | None:
    """Rouge's ``Lexer.find_fancy``: the tag and a lexer for it (``?options`` are ignored)."""
    if name is not None and name.split("?", 1)[0] == "guess":
        name = _guess(code)
    tag = rouge_tag(name)
    if tag is None:
        return None
    if tag == "php" and not (re.match(r"\s*<", code) or re.match(r"[^$]+<\?(php|=)", code, re.I)):
        return tag, lexer_by_alias("php", startinline=True)
    return tag, lexer_by_alias("html+php" if tag == "php" else PYGMENTS_ALIAS[tag])


@lru_cache(maxsize=None)
def lexer_by_alias(alias: str, **options: object) -> Lexer:
    """One shared Pygments lexer per alias (`PYGMENTS_ALIAS`'s values, or Rouge's own two here).

    Cached so every block, and every command line of a console session, reuses one lexer instead
    of looking it up and building it again.
    """
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
                shell = lexer_by_alias("bash").get_tokens_unprocessed(command)
                yield from _as_text(shell, pos + start)
                # The command's line break is Whitespace ("w") only until the console flavour
                # makes it plain: it keeps the shell flavour's lookaheads inside the line.
                yield pos + start + len(command), Token.Text.Whitespace, line[start + len(command):]
            else:
                yield pos, Token.Generic.Output, line
            pos += len(line)


def _run_as_shell(lexer: Lexer, match: re.Match[str]) -> Iterator[tuple[int, _TokenType, str]]:
    yield from _as_text(lexer_by_alias("bash").get_tokens_unprocessed(match.group()), match.start())


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
