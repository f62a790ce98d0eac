"""Hulp voor de webtests: HTML ontleden op labels, inline stijlen en scripts."""

from __future__ import annotations

from html.parser import HTMLParser

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


class Ontleder(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.elementen: list[tuple[str, dict[str, str | None]]] = []
        self.labels_voor: set[str] = set()
        self.in_label = 0
        self.bedieningen_in_label: set[str] = set()
        self.scripts_inline = 0
        self._in_script_zonder_src = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.elementen.append((tag, a))
        if tag == "label":
            self.in_label += 1
            if a.get("for"):
                self.labels_voor.add(a["for"])
        if tag in {"input", "select", "textarea"} and self.in_label and a.get("id"):
            self.bedieningen_in_label.add(a["id"])
        if tag == "script" and not a.get("src"):
            self.scripts_inline += 1

    def handle_endtag(self, tag):
        if tag == "label":
            self.in_label -= 1


def ontleed(html: str) -> Ontleder:
    o = Ontleder()
    o.feed(html)
    return o


def bedieningen_zonder_label(html: str) -> list[str]:
    """Elk invoerveld, elke keuzelijst en elk tekstvak heeft een label (behalve verborgen)."""
    o = ontleed(html)
    zonder = []
    for tag, a in o.elementen:
        if tag not in {"input", "select", "textarea"}:
            continue
        if a.get("type") in {"hidden", "submit", "button"}:
            continue
        ident = a.get("id") or ""
        if ident not in o.labels_voor and ident not in o.bedieningen_in_label:
            zonder.append(f"<{tag} name={a.get('name')}>")
    return zonder


def inline_stijl_of_script(html: str) -> list[str]:
    """Wat de CSP (alleen 'self') zou weigeren: style-attributen, <style> en inline scripts."""
    o = ontleed(html)
    gevonden = [f"<{t} style>" for t, a in o.elementen if "style" in a]
    gevonden += ["<style>" for t, _ in o.elementen if t == "style"]
    gevonden += [f"<{t} {k}>" for t, a in o.elementen for k in a if k.startswith("on")]
    if o.scripts_inline:
        gevonden.append(f"{o.scripts_inline} inline script(s)")
    return gevonden
