"""The HTML policy: which markup a rendered page body may hold, applied with nh3 (Ammonia).

Authors write Markdown, and Markdown lets raw HTML and attribute lists through. A page body
keeps what Markdown and the site's extensions write, the site's own listings, and a safe subset
of raw HTML; everything else is taken out by nh3, and reported to the author by name.

nh3 decides what the page shows; this module's own reading of the HTML (Python's parser) only
names what nh3 takes out. A body that nh3 would not change keeps its exact bytes (nh3 writes HTML
in its own way, e.g. `<br>` for `<br />`). Whether it would is judged by nh3 alone, so that a
difference between how Python's parser and a browser read the same text cannot keep a payload:
nh3 with the policy must give the same HTML as nh3 keeping every element and attribute, and no
element outside the policy may carry an attribute (nh3 drops unknown elements either way, but
shows their attributes to its attribute filter). Otherwise the page gets nh3's output, and what
Python's parser cannot name is reported as markup that browsers read differently.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Any

import nh3

from helpfirst import source_lines
from helpfirst.problems import Problem

if TYPE_CHECKING:  # settings reads its `html` setting with this module
    from helpfirst.settings import Settings

#: Elements a page body may hold: Markdown's own, its extensions' (admonitions, details,
#: tables, footnotes, task lists, highlighted code, abbreviations, definition lists), the
#: site's listings (cards, pager, subject lines with copy buttons, the search call to action)
#: and raw HTML that cannot run or load anything.
TAGS = frozenset(
    """a abbr b blockquote br button caption cite code col colgroup dd del details dfn div dl dt
    em figcaption figure h1 h2 h3 h4 h5 h6 hr i img input ins kbd label li mark nav ol p pre q s
    samp small span strong sub summary sup table tbody td tfoot th thead time tr u ul var
    wbr""".split()
)
#: Attributes any allowed element may carry (attribute lists write id and class).
GLOBAL_ATTRIBUTES = frozenset(
    "id class title lang dir role aria-label aria-hidden aria-current aria-describedby".split()
)
#: Attributes of particular elements.
ATTRIBUTES: Mapping[str, frozenset[str]] = {
    "a": frozenset({"href"}),
    "blockquote": frozenset({"cite"}),
    "q": frozenset({"cite"}),
    "del": frozenset({"cite", "datetime"}),
    "ins": frozenset({"cite", "datetime"}),
    "time": frozenset({"datetime"}),
    "img": frozenset({"src", "alt", "width", "height", "loading"}),
    "ol": frozenset({"start", "reversed", "type"}),
    "li": frozenset({"value"}),
    "details": frozenset({"open"}),
    "th": frozenset({"colspan", "rowspan", "scope", "align", "style"}),
    "td": frozenset({"colspan", "rowspan", "align", "style"}),
    "col": frozenset({"span"}),
    "colgroup": frozenset({"span"}),
    # Task lists: a checkbox that shows whether a step is done.
    "input": frozenset({"type", "checked", "disabled"}),
    # The site's own components: subject lines' copy buttons and the search call to action.
    "button": frozenset({"type", "data-clipboard-text"}),
    "label": frozenset({"for", "tabindex"}),
}
#: Attributes that hold an address, and the schemes each may use (no scheme: a site address).
LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
#: Images load from the site itself (no scheme), or over https from the hosts a site owner names
#: in `extra.kb.html.image_hosts`: a page makes no request to anyone else by default.
IMAGE_SCHEMES = frozenset({"https"})
URL_ATTRIBUTES = frozenset({"href", "src", "cite"})
#: Elements removed with everything inside them (the rest keep their text when removed).
CLEAN_CONTENT = frozenset(
    """script style template noscript iframe frame frameset object embed noembed noframes
    applet xmp plaintext title textarea select svg math""".split()
)
# Markdown's tables align columns with a style attribute, and nothing else may.
_ALIGN = re.compile(r"^\s*text-align:\s*(?:left|right|center)\s*;?\s*$")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
# What a browser ignores in an address before reading its scheme.
_URL_IGNORED = re.compile(r"[\t\n\r]")
_URL_EDGES = "".join(map(chr, range(0x21)))
_NAME = re.compile(r"^[a-z][a-z0-9-]*$")
_ATTRIBUTE_NAME = re.compile(r"^[a-z][a-z0-9:._-]*$")
_HOST = re.compile(
    r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:[0-9]{1,5})?$"
)
#: Ids the theme and the site's templates give their own elements: a page body that used one
#: would take over the search box, the menu or the settings. Material's all begin with "__"
#: (`__search`, `__drawer`, `__toc`, `__palette_0`, `__consent`, `__nav_1`, `__code_0`...).
RESERVED_ID_PREFIX = "__"
RESERVED_IDS = frozenset(
    "kb-related-title kb-search-strings kb-demo-form kb-demo-subject kb-demo-message "
    "kb-insights".split()
)
# A start or end tag as Markdown lets it through: what may be an element unknown to the policy.
_TAG = re.compile(r"</?([a-zA-Z][^\s/>]*)")
# A declaration (`<!DOCTYPE html>`, `<![CDATA[`) or processing instruction (`<?php`): both
# cleaners drop them alike, so only this finds them.
_OTHER_MARKUP = re.compile(r"<!(?!--)|<\?")

# Every element nh3 may keep when it keeps everything (the second opinion above): HTML's,
# SVG's and MathML's, obsolete ones included.
_EVERY_TAG = frozenset(
    """a abbr acronym address animate animatemotion animatetransform applet area article aside
    audio b base basefont bdi bdo bgsound big blink blockquote body br button canvas caption
    center circle cite clippath code col colgroup data datalist dd defs del desc details dfn
    dialog dir discard div dl dt ellipse em embed feblend fecolormatrix fecomponenttransfer
    fecomposite feconvolvematrix fediffuselighting fedisplacementmap fedistantlight fedropshadow
    feflood fefunca fefuncb fefuncg fefuncr fegaussianblur feimage femerge femergenode
    femorphology feoffset fepointlight fespecularlighting fespotlight fetile feturbulence
    fieldset figcaption figure filter font footer foreignobject form frame frameset g h1 h2 h3 h4
    h5 h6 head header hgroup hr html i iframe image img input ins isindex kbd keygen label legend
    li line lineargradient link listing main maction map mark marker marquee mask math menu
    menuitem merror meta metadata meter mfrac mi mmultiscripts mn mo mover mpadded mpath
    mphantom mprescripts mroot mrow ms mspace msqrt mstyle msub msubsup msup mtable mtd mtext mtr
    multicol munder munderover nav nextid nobr noembed noframes noscript object ol optgroup
    option output p param path pattern picture plaintext polygon polyline pre progress q
    radialgradient rb rect rp rt rtc ruby s samp script search section select semantics set
    slot small source spacer span stop strike strong style sub summary sup svg switch symbol
    table tbody td template text textarea textpath tfoot th thead time title tr track tref tspan
    tt u ul use var video view wbr xmp""".split()
)
_EVERY_SCHEME = frozenset(
    """about blob chrome data file filesystem ftp http https intent javascript jar livescript
    mailto mhtml moz-extension ms-its mocha resource sms tel view-source vbscript wyciwyg
    ws wss x-javascript""".split()
)


@dataclass(frozen=True, order=True)
class Finding:
    """One thing the policy takes out of a page body, named for its author."""

    what: str  # "<script>", "the onerror attribute of <img>", "the address javascript:…"
    fix: str
    # Regular expressions that find it in the Markdown source, the most precise first.
    source: tuple[str, ...] = ()
    # The whole message, when `<what> is not allowed in content` does not say it.
    sentence: str = ""

    def message(self) -> str:
        """`<what> is not allowed in content` (or the finding's own sentence), as the
        problem's message."""
        return self.sentence or f"{self.what} is not allowed in content"


@dataclass(frozen=True)
class Sanitised:
    """A page body as the site shows it, what was taken out of it, and whether it is other
    than the body given (also when nothing was taken out but nh3 wrote it differently)."""

    html: str
    findings: list[Finding] = field(default_factory=list)
    changed: bool = False


class Policy:
    """The allow-list of one site: the defaults, widened by `extra.kb.html`."""

    def __init__(
        self,
        tags: Iterable[str] = (),
        attributes: Mapping | None = None,
        image_hosts: Iterable[str] = (),
    ):
        self.tags = TAGS | frozenset(tags)
        self.image_hosts = frozenset(host.lower() for host in image_hosts)
        extra = {tag: frozenset(names) for tag, names in (attributes or {}).items()}
        # What the site owner allows beyond the defaults is allowed with any value.
        self.owner_tags = frozenset(tags)
        self._owner_attributes = {
            tag: extra.get(tag, frozenset()) | extra.get("*", frozenset())
            for tag in set(extra) | self.tags
        }
        self.global_attributes = GLOBAL_ATTRIBUTES | extra.pop("*", frozenset())
        self.attributes = {
            tag: ATTRIBUTES.get(tag, frozenset()) | extra.get(tag, frozenset())
            for tag in sorted(self.tags | set(ATTRIBUTES) | set(extra))
        }
        options: dict[str, Any] = {
            "tags": set(self.tags),
            "clean_content_tags": set(CLEAN_CONTENT - self.tags),
            "attributes": {
                "*": set(self.global_attributes),
                **{tag: set(names) for tag, names in self.attributes.items() if names},
            },
            "attribute_filter": self._filter,
            "strip_comments": False,
            "link_rel": None,
            "url_schemes": set(LINK_SCHEMES),
        }
        self._cleaner = nh3.Cleaner(**options)
        # What a rewritten body is written with: any input left is a checkbox. The comparisons
        # use the cleaner above: setting an attribute moves it to the end of every task list's
        # checkbox, and a body kept as written holds no other input. One attribute only: nh3
        # writes the attributes it sets in no fixed order.
        if "input" not in self.owner_tags:
            options["set_tag_attribute_values"] = {"input": {"type": "checkbox"}}
        self._rewriter = nh3.Cleaner(**options)
        self._marked: set[str] = set()  # elements with attributes in the body being read
        self._keep_all = nh3.Cleaner(
            attribute_filter=self._mark,
            tags=set(_EVERY_TAG | self.tags),
            clean_content_tags=set(),
            generic_attribute_prefixes={""},
            strip_comments=False,
            link_rel=None,
            url_schemes=set(_EVERY_SCHEME | LINK_SCHEMES),
        )

    def allows_attribute(self, tag: str, name: str) -> bool:
        """True when `name` may appear on `tag` at all (its value is judged apart)."""
        return name in self.global_attributes or name in self.attributes.get(tag, ())

    def value_problem(self, tag: str, name: str, value: str) -> Finding | None:
        """Why an allowed attribute's value is not allowed, or None."""
        if name in URL_ATTRIBUTES:
            return _address_problem(tag, name, value, self.image_hosts)
        if name == "id" and reserved_id(value):
            return _id_finding(value)
        if name in self._owner_attributes.get(tag, ()):
            return None
        if name == "style" and not _ALIGN.match(value):
            return _attribute_finding(tag, name)
        if (
            tag == "input"
            and tag not in self.owner_tags
            and name == "type"
            and value.strip().lower() != "checkbox"
        ):
            return _input_finding(value)
        return None

    def sanitise(self, html: str) -> Sanitised:
        """The body as the site shows it, with what the policy took out of it."""
        clean = self._cleaner.clean(html)
        self._marked.clear()
        whole = clean == self._keep_all.clean(html) and self._marked <= self.tags
        # Only an input without attributes, elements unknown to both cleaners written without
        # attributes (`<ABC-123>`, `</ABC-123>`), declarations and processing instructions
        # escape both tests.
        if (
            whole
            and "<input" not in html.lower()
            and not self._unknown_names(html)
            and not _OTHER_MARKUP.search(html)
        ):
            return Sanitised(html)
        reader = _Reader(self).read(html)
        if reader.findings:
            return Sanitised(self._rewriter.clean(html), sorted(set(reader.findings)), True)
        if not whole:
            # A browser's parser sees something Python's does not: report it without a name.
            return Sanitised(self._rewriter.clean(html), [_UNREADABLE], True)
        if _Reader(self).read(clean).events != reader.events:
            return Sanitised(self._rewriter.clean(html), [], True)
        return Sanitised(html)

    def _unknown_names(self, html: str) -> bool:
        """True when `html` may hold a tag of an element the policy does not allow."""
        return any(name.lower() not in self.tags for name in _TAG.findall(html))

    def _mark(self, tag: str, name: str, value: str) -> str:
        """nh3's attribute filter when it keeps everything: notes each element with attributes."""
        self._marked.add(tag)
        return value

    def _filter(self, tag: str, name: str, value: str) -> str | None:
        """nh3's judge of attribute values: the same rules that name them for authors."""
        if not self.allows_attribute(tag, name):
            return value  # nh3 drops it by its own list
        return None if self.value_problem(tag, name, value) else value


def problems(
    findings: Iterable[Finding], display_path: str, body: str, first_line: int
) -> list[Problem]:
    """Each finding as `path:line: <what> is not allowed in content (fix)`, on the source line
    that holds it (the body's first line when no line does)."""
    found = []
    for finding in findings:
        line = locate(finding.source, body, first_line)
        found.append(Problem(display_path, line, finding.message(), finding.fix))
    return sorted(found)


def locate(patterns: Iterable[str], body: str, first_line: int) -> int:
    """The first line of `body` outside code blocks that matches a pattern (any case), trying
    each pattern in turn; the body's first line when none matches."""
    lines = [
        (number, line)
        for number, line, kind in source_lines.walk(body, first_line)
        if kind == source_lines.TEXT
    ]
    for pattern in patterns:
        search = re.compile(pattern, re.IGNORECASE)
        for number, line in lines:
            if search.search(line):
                return number
    return first_line


def validate(raw: object, bad: Callable[[str, str, str], None]) -> dict:
    """`extra.kb.html` with defaults: elements and attributes a site owner allows beyond the
    policy. Mistakes are reported through `bad(key, message, fix)`."""
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        bad("html", "must be a group of settings", "tags: [...] and attributes: {...}")
        return {"tags": [], "attributes": {}, "image_hosts": []}
    for key in raw:
        if key not in ("tags", "attributes", "image_hosts"):
            bad(f"html.{key}", "unknown setting", "allowed: attributes, image_hosts, tags")
    tags = raw.get("tags") or []
    if not isinstance(tags, list):
        bad("html.tags", "must be a list of element names", "for example [iframe]")
        tags = []
    clean_tags = []
    for index, tag in enumerate(tags):
        if isinstance(tag, str) and _NAME.match(tag):
            clean_tags.append(tag)
        else:
            bad(f"html.tags[{index}]", f"'{tag}' is not an element name", "for example iframe")
    attributes = raw.get("attributes") or {}
    if not isinstance(attributes, dict):
        bad("html.attributes", "must map element names to attribute lists", "iframe: [src]")
        attributes = {}
    clean_attributes = {}
    for tag, names in attributes.items():
        key = f"html.attributes.{tag}"
        if not isinstance(tag, str) or not (tag == "*" or _NAME.match(tag)):
            bad(key, f"'{tag}' is not an element name", "an element name, or '*' for any")
        elif not isinstance(names, list) or not all(
            isinstance(name, str) and _ATTRIBUTE_NAME.match(name) for name in names
        ):
            bad(key, "must be a list of attribute names", "for example [src, width, height]")
        else:
            clean_attributes[tag] = sorted(set(names))
    return {
        "tags": sorted(set(clean_tags)),
        "attributes": clean_attributes,
        "image_hosts": _image_hosts(raw.get("image_hosts") or [], bad),
    }


def _image_hosts(hosts: object, bad: Callable[[str, str, str], None]) -> list[str]:
    """`extra.kb.html.image_hosts`: host names (with a port, if any) that images may load from."""
    if not isinstance(hosts, list):
        bad("html.image_hosts", "must be a list of host names", "for example [cdn.example.com]")
        return []
    clean = []
    for index, host in enumerate(hosts):
        if isinstance(host, str) and _HOST.match(host.lower()):
            clean.append(host.lower())
        else:
            bad(
                f"html.image_hosts[{index}]",
                f"'{host}' is not a host name",
                "write the host alone, for example cdn.example.com, without https:// or a path",
            )
    return sorted(set(clean))


def from_settings(settings: Settings) -> Policy:
    """The policy of a site from its validated `extra.kb`."""
    html = settings.html
    return Policy(html["tags"], html["attributes"], html.get("image_hosts") or ())


#: What cannot be named: a browser reads the body differently from Python's parser.
_UNREADABLE = Finding(
    "markup that browsers read differently from how it is written",
    "write the HTML so that every element and attribute is closed, or write it in Markdown",
)
_SCRIPT_FIX = "remove it: pages on the help site cannot run scripts"
_STYLE_FIX = "remove it: the site's stylesheet styles every page"
_TAG_FIX = {
    **dict.fromkeys(("script", "noscript"), _SCRIPT_FIX),
    "style": _STYLE_FIX,
    **dict.fromkeys(
        ("iframe", "frame", "frameset", "object", "embed", "applet", "video", "audio"),
        "remove it, and link to what it shows instead",
    ),
    **dict.fromkeys(
        ("form", "input", "select", "textarea", "option", "fieldset"),
        "remove it, and link to the form instead",
    ),
    **dict.fromkeys(
        ("base", "meta", "link", "title", "head", "html", "body"),
        "remove it: the site writes each page's head",
    ),
    **dict.fromkeys(("svg", "math"), "use an image instead: ![what it shows](picture.svg)"),
}
_OTHER_TAG_FIX = "remove it, or write it in Markdown; extra.kb.html can allow more elements"
_OTHER_ATTRIBUTE_FIX = "remove it; extra.kb.html can allow more attributes"


def _attribute_finding(tag: str, name: str) -> Finding:
    """An attribute that is not allowed on its element."""
    if name.startswith("on"):
        fix = _SCRIPT_FIX
    elif name == "style":
        fix = _STYLE_FIX
    else:
        fix = _OTHER_ATTRIBUTE_FIX
    return Finding(
        f"the {name} attribute of <{tag}>", fix, (rf"(?<![\w-]){re.escape(name)}(?![\w-])",)
    )


def _input_finding(kind: str) -> Finding:
    """An input that is not a task list's checkbox."""
    return Finding(
        f'<input type="{_short(kind)}">' if kind else "<input>",
        "only task lists' checkboxes are allowed: write '- [ ] step' or '- [x] step'",
        (r"<input\b",),
    )


def _address_problem(
    tag: str, name: str, value: str, image_hosts: frozenset[str] = frozenset()
) -> Finding | None:
    """Why an address in `name` may not be used, or None."""
    address = _URL_IGNORED.sub("", value).strip(_URL_EDGES)
    match = _SCHEME.match(address)
    image = tag == "img" and name == "src"
    if match is None:
        # "//host" and "/\\host" (which browsers read alike) load from another host.
        if image and address.replace("\\", "/").startswith("//"):
            return _image_finding(value)
        return None
    scheme = match.group(1).lower()
    if image:
        allowed = scheme in IMAGE_SCHEMES and _host(address) in image_hosts
        return None if allowed else _image_finding(value)
    if scheme in LINK_SCHEMES:
        return None
    return Finding(
        f"the address {_short(address)}",
        "link to a page of the help site, or to an http(s), mailto: or tel: address",
        (re.escape(address[:40]), _address_pattern(scheme)),
    )


def _image_finding(value: str) -> Finding:
    """An image from anywhere but the site or an https address of a host the owner allows."""
    address = _URL_IGNORED.sub("", value).strip(_URL_EDGES)
    scheme = _SCHEME.match(address)
    return Finding(
        f"the image address {_short(address)}",
        "put the image in docs/ and link to it there: pages load nothing from other hosts;"
        " extra.kb.html.image_hosts can allow a host",
        (re.escape(address[:40]),) + ((_address_pattern(scheme.group(1)),) if scheme else ()),
    )


def _host(address: str) -> str:
    """The host (and port, if any) a browser loads an https address from; "" when unclear."""
    # Browsers read a backslash as a slash in http(s) addresses: "https://a\\@b/" is host a.
    try:
        parts = urllib.parse.urlsplit(address.replace("\\", "/"))
        host, port = parts.hostname or "", parts.port
    except ValueError:
        return ""
    return f"{host}:{port}" if port is not None else host


def reserved_id(value: str) -> bool:
    """True when `value` is an id the theme or the site's templates use."""
    value = value.strip()
    return value.startswith(RESERVED_ID_PREFIX) or value in RESERVED_IDS


def _id_finding(value: str) -> Finding:
    """An id the theme or the site's templates use for their own elements."""
    return Finding(
        f"the id {_short(value)}",
        "choose another id, one not beginning with __ and not one of the site's own"
        " (AUTHORING.md lists them); a heading takes one with { #its-id }",
        (rf"#{re.escape(value.strip())}(?![\w-])", rf"id=[\"']?{re.escape(value.strip())}"),
    )


def _unknown_tag_finding(written: str) -> Finding:
    """A bare start tag of an element HTML does not know, such as `<ABC-123>`."""
    written = _short(written)
    inside = written[1:-1] if written.endswith(">") else written[1:]
    return Finding(
        written,
        "",
        # Not the same text in backticks: that is how it is meant to be written.
        (rf"(?<!`){re.escape(written)}(?!`)", re.escape(written)),
        f"{written} looks like an HTML tag and is removed;"
        f" write it as `{written}` in backticks or escape it as &lt;{inside}&gt;",
    )


def _address_pattern(scheme: str) -> str:
    """Finds a scheme in the source, also when written with character references or tabs."""
    return r"[\s&#;x0-9a-f]*".join(re.escape(char) for char in scheme) + r"\s*(?::|&#0*58;|&colon;)"


def _short(text: str, limit: int = 40) -> str:
    """`text` on one line, cut to `limit` characters."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _Reader(HTMLParser):
    """Reads a body the way the policy sees it: findings, and the body's elements, attributes
    and text as events that do not depend on how the HTML is written."""

    def __init__(self, policy: Policy):
        super().__init__(convert_charrefs=True)
        self.policy = policy
        self.findings: list[Finding] = []
        self.events: list[tuple] = []
        # An element removed with its content, while inside it: (tag, depth of nesting).
        self._removed: tuple[str, int] | None = None
        # Elements the policy does not allow that were opened: their end tags are no finding
        # of their own.
        self._opened: set[str] = set()
        self._lines: list[str] = []

    def read(self, html: str) -> _Reader:
        """Read all of `html`."""
        self._lines = html.splitlines(keepends=True)
        self.feed(html)
        self.close()
        return self

    def handle_starttag(self, tag, attrs):
        self._start(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self._start(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        self.events.append(("end", tag))
        if tag not in self.policy.tags and tag not in _EVERY_TAG and tag not in self._opened:
            # An end tag of an element HTML does not know, with no start tag: `</ABC-123>`.
            self.findings.append(_unknown_tag_finding(self._end_tag_text(tag)))
        if self._removed is not None and self._removed[0] == tag:
            depth = self._removed[1] - 1
            self._removed = (tag, depth) if depth else None

    def handle_data(self, data):
        if self.events and self.events[-1][0] == "text":
            self.events[-1] = ("text", self.events[-1][1] + data)
        else:
            self.events.append(("text", data))

    def handle_comment(self, data):
        self.events.append(("comment", data))

    def handle_decl(self, decl):
        self.events.append(("declaration", decl))
        self.findings.append(Finding(f"<!{_short(decl)}>", _OTHER_TAG_FIX, (r"<!(?!--)",)))

    def handle_pi(self, data):
        self.events.append(("pi", data))
        self.findings.append(Finding(f"<?{_short(data)}>", _OTHER_TAG_FIX, (r"<\?",)))

    def unknown_decl(self, data):
        self.handle_decl(data)

    def _end_tag_text(self, tag: str) -> str:
        """The end tag being read, as written (`getpos()` is where it starts)."""
        line, column = self.getpos()
        text = "".join(self._lines[line - 1 : line + 1])[column:]
        match = re.match(r"</[^>]*>?", text)
        return match.group() if match else f"</{tag}>"

    def _start(self, tag, attrs):
        values = sorted((name, value or "") for name, value in attrs)
        self.events.append(("start", tag, tuple(values)))
        policy = self.policy
        if tag not in policy.tags:
            self._opened.add(tag)
        if self._removed is not None:
            # Inside an element that goes with everything in it: that element is the finding.
            if tag == self._removed[0] and tag not in _VOID:
                self._removed = (tag, self._removed[1] + 1)
            return
        if tag not in policy.tags and tag not in _EVERY_TAG and not attrs:
            self.findings.append(_unknown_tag_finding(self.get_starttag_text() or f"<{tag}>"))
            return
        if tag not in policy.tags:
            fix = _TAG_FIX.get(tag, _OTHER_TAG_FIX)
            self.findings.append(Finding(f"<{tag}>", fix, (rf"<{re.escape(tag)}\b",)))
            if tag in CLEAN_CONTENT and tag not in _VOID:
                self._removed = (tag, 1)
            return
        if tag == "input" and "type" not in dict(values) and tag not in policy.owner_tags:
            self.findings.append(_input_finding(""))
        for name, value in values:
            if not policy.allows_attribute(tag, name):
                self.findings.append(_attribute_finding(tag, name))
                continue
            problem = policy.value_problem(tag, name, value)
            if problem is not None:
                self.findings.append(problem)


_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
