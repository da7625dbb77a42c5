"""A small, independent specification of the built-HTML policy (hooks/checks/html_policy.py), written as
tables: URL forms with the class a browser gives each, places a URL can stand in with the rule each
class gets there, and whole elements with their verdict. The tests judge the policy check against
it (tests/test_html_policy.py) and Chromium against both (tests/browser/test_policy_chromium.py).

Nothing here imports the check: the classes are written by hand, from the WHATWG URL and HTML
specifications and what Chromium does, not computed.
"""
from __future__ import annotations

OWN = "example.github.io"     # the site's own host (site_url's)

# URL forms and their class as a browser on an http(s) page reads them:
#   same     stays on the site (relative, fragment, query, the site's own host, or harmless scheme)
#   off      another host
#   script   javascript: / vbscript:
#   data     a data: URL
#   other    another scheme (another program's, or a fact: reference that never became a link)
URLS = [
    ("img/a.png", "same"),
    ("/img/a.png", "same"),
    ("../../assets/a.png", "same"),
    ("#top", "same"),
    ("?q=1", "same"),
    ("javascript", "same"),                       # no colon: a relative path
    ("%6Aavascript:alert(1)", "same"),            # percent-encoded scheme: not a scheme
    ("mailto:someone@example.org", "same"),
    ("https://example.github.io/llama4-explainer/a.png", "same"),
    ("https://EXAMPLE.github.io./a.png", "same"),
    ("//evil.example/a.png", "off"),
    ("///evil.example/a.png", "off"),
    ("\\\\evil.example/a.png", "off"),
    ("/\\evil.example/a.png", "off"),
    ("\\/evil.example/a.png", "off"),
    ("https://evil.example/a.png", "off"),
    ("HTTPS://EVIL.EXAMPLE/a.png", "off"),
    ("http://evil.example/a.png", "off"),
    ("https:\\\\evil.example\\a.png", "off"),
    ("https:evil.example/a.png", "off"),          # judged by the host it names
    ("https://user:pw@evil.example/a.png", "off"),
    ("https://evil.example:8443/a.png", "off"),
    ("https://%65vil.example/a.png", "off"),
    (" https://evil.example/a.png", "off"),
    ("ht\ttps://evil.example/a.png", "off"),
    ("https://evil.example.\n/a.png", "off"),
    ("javascript:alert(1)", "script"),
    ("JaVaScRiPt:alert(1)", "script"),
    ("java\tscript:alert(1)", "script"),
    ("java\nscript:alert(1)", "script"),
    ("  javascript:alert(1)", "script"),
    ("\x01javascript:alert(1)", "script"),
    ("vbscript:msgbox(1)", "script"),
    ("data:text/html,<b>x</b>", "data"),
    ("DATA:image/png;base64,AAAA", "data"),
    ("fact:no-such-fact", "other"),
    ("ms-settings:privacy", "other"),
    ("tel:+911234567890", "same"),
]

# Places a URL can stand in: (template with {u}, what the place is).
#   media      fetched as an image, video, font, style or frame resource that may be data:
#   refuse     fetched and run, framed or embedded: data: refused too
#   script     a script file: must also be one of the site's own files
#   link       a place the reader navigates to: any host, no script or data:
#   form       where a form sends: no other host, no script or data:
#   css        fetched from CSS (data: allowed); CSS reads only URLs without \, quotes, (),
#              whitespace in these templates (an unquoted url() with a space is no URL at all)
PLACES = [
    ('<img src="{u}" alt="">', "media"),
    ('<img srcset="{u} 2x" alt="">', "media"),
    ('<img src="a.png" srcset="a.png 1x, {u} 2x" alt="">', "media"),
    ('<picture><source srcset="{u}"><img src="a.png" alt=""></picture>', "media"),
    ('<video poster="{u}"></video>', "media"),
    ('<video src="{u}"></video>', "media"),
    ('<audio src="{u}"></audio>', "media"),
    ('<video><track src="{u}"></video>', "media"),
    ('<input type="image" src="{u}" alt="">', "media"),
    ('<table background="{u}"><tr><td>x</td></tr></table>', "media"),
    ('<svg><image href="{u}"/></svg>', "media"),
    ('<svg><image xlink:href="{u}"/></svg>', "media"),
    ('<svg><filter><feImage href="{u}"/></filter></svg>', "media"),
    ('<svg><use href="{u}"/></svg>', "media"),
    ('<iframe src="{u}"></iframe>', "refuse"),
    ('<embed src="{u}">', "refuse"),
    ('<object data="{u}"></object>', "refuse"),
    ('<link rel="stylesheet" href="{u}">', "refuse"),
    ('<link rel="preload" as="image" href="{u}">', "refuse"),
    ('<link rel="icon" href="{u}">', "refuse"),
    ('<link rel="dns-prefetch" href="{u}">', "refuse"),
    ('<link rel="preconnect" href="{u}">', "refuse"),
    ('<script src="{u}"></script>', "script"),
    ('<a href="{u}">x</a>', "link"),
    ('<map name="m"><area href="{u}" alt="x"></map>', "link"),
    ('<svg><a href="{u}"><text>x</text></a></svg>', "link"),
    ('<svg><a xlink:href="{u}"><text>x</text></a></svg>', "link"),
    ('<link rel="canonical" href="{u}">', "link"),
    ('<form action="{u}"><button>x</button></form>', "form"),
    ('<form><button formaction="{u}">x</button></form>', "form"),
    ('<div style="background:url({u})">x</div>', "css"),
    ("<div style=\"background:url('{u}')\">x</div>", "css"),
    ("<div style=\"background-image:image-set('{u}' 1x)\">x</div>", "css"),
    ("<div style=\"background-image:-webkit-image-set(url({u}) 1x)\">x</div>", "css"),
    ("<style>.x{{background:url({u})}}</style>", "css"),
    ('<style>.x{{background:url("{u}")}}</style>', "css"),
    ('<style>@import "{u}";</style>', "css"),
    ("<style>@import url({u});</style>", "css"),
    ("<style>@font-face{{font-family:x;src:url({u})}}</style>", "css"),
    ('<style>.x{{background-image:image-set("{u}" 2x)}}</style>', "css"),
]

# The rule each URL class gets in each kind of place (None: allowed).
VERDICT = {
    "media": {"same": None, "off": "html-third-party", "script": "html-unsafe-url", "data": None, "other": None},
    "css": {"same": None, "off": "html-third-party", "script": "html-unsafe-url", "data": None, "other": None},
    "refuse": {"same": None, "off": "html-third-party", "script": "html-unsafe-url", "data": "html-unsafe-url",
               "other": None},
    "script": {"same": "html-script", "off": "html-third-party", "script": "html-unsafe-url",
               "data": "html-unsafe-url", "other": "html-script"},
    "link": {"same": None, "off": None, "script": "html-unsafe-url", "data": "html-unsafe-url",
             "other": "html-unsafe-url"},
    "form": {"same": None, "off": "html-form", "script": "html-form", "data": "html-form", "other": "html-form"},
}

# URL forms a place can hold as written: CSS templates take no backslash, quote, bracket or
# newline (CSS would read them otherwise); every place takes no double quote.
def fits(url: str, place: str) -> bool:
    if '"' in url:
        return False
    if place == "css":
        return not any(c in url for c in "\\'()\n\r\t\x01 ")
    return True


def expected(url_class: str, place: str, url: str = "") -> str | None:
    rule = VERDICT[place][url_class]
    # mailto: and the like are not script files: a script place refuses any URL that is not
    # one of the site's own files, which no URL above is
    return rule


# Whole elements and their verdict (the set of rules they must get; empty: allowed).
ELEMENTS = [
    ('<base href="https://evil.example/">', {"html-base"}),
    ('<base href="sub/">', {"html-base"}),
    ('<meta http-equiv="refresh" content="5;url=https://evil.example/">', {"html-refresh"}),
    ('<meta http-equiv=" Refresh " content="0">', {"html-refresh"}),
    ('<meta http-equiv="content-type" content="text/html; charset=utf-8">', set()),
    ('<a href="#x" ping="https://evil.example/p">x</a>', {"html-ping"}),
    ('<a href="#x" ping="/p">x</a>', {"html-ping"}),
    ('<iframe srcdoc="&lt;b&gt;x&lt;/b&gt;"></iframe>', {"html-srcdoc"}),
    ('<svg><a><animate attributeName="href" to="#x"/><text>x</text></a></svg>', {"html-animate"}),
    ('<svg><a><set attributeName="xlink:href" to="#x"/><text>x</text></a></svg>', {"html-animate"}),
    ('<svg><a><animate attributeName="href" values="#a;javascript:alert(1)"/><text>x</text></a></svg>',
     {"html-animate", "html-unsafe-url"}),
    ('<svg><rect><animate attributeName="opacity" values="0;1" dur="1s"/></rect></svg>', set()),
    ('<img src="a.png" alt="" onerror="alert(1)">', {"html-handler"}),
    ('<img src="a.png" alt=""onerror="alert(1)">', {"html-handler"}),
    ('<img/src="a.png"/onerror=alert(1) alt="">', {"html-handler"}),
    ('<p ONCLICK="alert(1)">x</p>', {"html-handler"}),
    ('<svg onload="alert(1)"></svg>', {"html-handler"}),
    ('<details open ontoggle="alert(1)"><summary>x</summary></details>', {"html-handler"}),
    ('<script>alert(1)</script>', {"html-script"}),
    ('<script type="module">alert(1)</script>', {"html-script"}),
    ('<script type="text/javascript">alert(1)</script>', {"html-script"}),
    ('<script type="importmap">{}</script>', {"html-script"}),
    ('<svg><script>alert(1)</script></svg>', {"html-script"}),
    ('<script type="application/ld+json">{"a": 1}</script>', set()),
    ('<script type="application/json">{"a": 1}</script>', set()),
    ('<script type="text/plain">alert(1)</script>', set()),
    ('<template><img src="https://evil.example/t.png" alt=""></template>', set()),
    ('<noscript><img src="https://evil.example/n.png" alt=""></noscript>', {"html-third-party"}),
    ('<!--><img src="https://evil.example/c.png" alt=""><!-- -->', {"html-third-party"}),
    ('<!-- x --!><img src="https://evil.example/c2.png" alt=""> -->', {"html-third-party"}),
    ('<!-- <img src="https://evil.example/c3.png"> -->', set()),
    ('<textarea><img src="https://evil.example/ta.png"></textarea>', set()),
    ('<title><img src="https://evil.example/ti.png"></title>', set()),
    ('<xmp><img src="https://evil.example/x.png"></xmp>', set()),
    ('<p>https://evil.example/text.png</p>', set()),
    ('<style>.a{background:u\\72l(https://evil.example/e.png)}</style>', {"html-third-party"}),
    ('<style>@import url(\\2f\\2f evil.example/e.css);</style>', {"html-third-party"}),
    ('<style>@import/**/"https://evil.example/c.css";</style>', {"html-third-party"}),
    ('<style>.a{background:url(https://evil.example/x.png)}</style>', {"html-third-party"}),
    ('<style>.a{content:"url(https://evil.example/x.png)"}</style>', {"html-third-party"}),  # over-counted: safe
    ('<div style="background:url(&#47;&#47;evil.example/e.png)">x</div>', {"html-third-party"}),
    ('<div style="background:url(data:image/png;base64,AAAA)">x</div>', set()),
    ('<div style="color:red">x</div>', set()),
    ('<a href="&#106;avascript:alert(1)">x</a>', {"html-unsafe-url"}),
    ('<a href="javascript&colon;alert(1)">x</a>', {"html-unsafe-url"}),
    ('<a href="java&Tab;script:alert(1)">x</a>', {"html-unsafe-url"}),
    ('<a href="&#x6A;avascript&#x3A;alert(1)">x</a>', {"html-unsafe-url"}),
    ('<img src="&#104;ttps://evil.example/h.png" alt="">', {"html-third-party"}),
    ('<embed src="&#100;ata:text/html,x">', {"html-unsafe-url"}),
    ('<a href="https://evil.example/">an external link</a>', set()),
    ('<link rel="alternate" hreflang="hi" href="https://evil.example/hi/">', set()),
    ('<img src="data:image/png;base64,AAAA" alt="">', set()),
    ('<h2 id="x">A heading</h2><p>Text with <code>&lt;img src=//evil.example/x&gt;</code></p>', set()),
    ('<script src="assets/js/lang-switch.js"></script>', set()),
    ('<script src="../../assets/js/tables.js"></script>', set()),
    ('<script src="assets/js/evil.js"></script>', {"html-script"}),
]
