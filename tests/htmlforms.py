"""Read an HTML form as a browser would submit it (for the review page's HTTP tests)."""

from __future__ import annotations

import tinyhtml5

XHTML = "{http://www.w3.org/1999/xhtml}"


def parse(html: str):
    return tinyhtml5.parse(html)


def form_fields(html: str, form_id: str | None = None, action: str | None = None) -> dict[str, str]:
    """The name -> value pairs a browser would post for the form (by id or action)."""
    root = tinyhtml5.parse(html)
    forms = [f for f in root.iter(f"{XHTML}form")
             if (form_id is None or f.get("id") == form_id) and (action is None or f.get("action") == action)]
    assert forms, f"no form {form_id or action}"
    fields: dict[str, str] = {}
    for element in forms[0].iter():
        name = element.get("name")
        if not name:
            continue
        tag = element.tag.removeprefix(XHTML)
        if tag == "input":
            kind = element.get("type", "text")
            if kind in ("checkbox", "radio") and element.get("checked") is None:
                continue
            fields[name] = element.get("value", "on" if kind == "checkbox" else "")
        elif tag == "textarea":
            fields[name] = element.text or ""
        elif tag == "select":
            options = list(element.iter(f"{XHTML}option"))
            chosen = [o for o in options if o.get("selected") is not None] or options[:1]
            fields[name] = chosen[0].get("value", chosen[0].text or "") if chosen else ""
    return fields


def text_of(html: str) -> str:
    """The visible text of a page (no markup)."""
    return " ".join("".join(tinyhtml5.parse(html).itertext()).split())
