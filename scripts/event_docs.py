#!/usr/bin/env python3
"""The README's event tables, made from the event structs of the modules' public headers.

  scripts/event_docs.py           rewrites each table of README.md between its markers
  scripts/event_docs.py --check   exits 1 when README.md and the headers disagree (a ctest test)

A table stands between `<!-- events: HEADER -->` and `<!-- /events -->`, HEADER a path from the
repository's root. Each struct of the header becomes a row: an event (it has kType) with its topic,
version, key and fields, or a shape its events' fields use. A struct's comment line(s) above it and
each field's trailing comment are its documentation. A field missing from the struct's
BOOST_DESCRIBE_STRUCT list is an error: it would not be in the JSON.
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
TABLE = re.compile(r"(<!-- events: (?P<header>\S+) -->\n)(?P<body>.*?)(<!-- /events -->)", re.S)
NAMESPACE_TOPIC = re.compile(r'^namespace ([\w:]+) \{.*?inline constexpr std::string_view kTopic = "([^"]+)"', re.S | re.M)
STRUCT = re.compile(r"((?:^//[^\n]*\n)*)^struct (\w+) \{\n(.*?)^\};\nBOOST_DESCRIBE_STRUCT\(\2, \(\),\s*\(([^)]*)\)\)", re.S | re.M)
NAME = re.compile(r'static constexpr EventName kName\{(\w+|"[^"]+"), "([^"]+)", (\d+)\};')
KEY = re.compile(r"std::string key\(\) const \{ return (\w+); \}")
FIELD = re.compile(r"^  (?!static|std::string key\(\))([\w:<>, ]+?) (\w+)(?: = [^;]+)?;(?:\s*// (.*))?$", re.M)
SCALARS = {"std::string": "string", "std::int64_t": "integer", "int": "integer", "double": "number",
           "bool": "boolean", "Timestamp": "RFC 3339 time"}


def json_type(cpp: str) -> str:
    if m := re.fullmatch(r"std::optional<(.+)>", cpp):
        return json_type(m.group(1)) + " or null"
    if m := re.fullmatch(r"std::vector<(.+)>", cpp):
        return "[" + json_type(m.group(1)) + "]"
    return SCALARS.get(cpp, f"`{cpp}`")


def table(header: pathlib.Path) -> str:
    text = header.read_text()
    namespaces = [(m.start(), m.group(2)) for m in NAMESPACE_TOPIC.finditer(text)]
    events, shapes = [], []
    for match in STRUCT.finditer(text):
        doc, name, body, described = match.groups()
        fields = FIELD.findall(body)
        listed = [f.strip() for f in described.split(",")]
        if [f[1] for f in fields] != listed:
            sys.exit(f"{header}: struct {name} has fields {[f[1] for f in fields]} but describes {listed}")
        cells = "; ".join(f"`{n}` {json_type(t)}" + (f": {d}" if d else "") for t, n, d in fields)
        about = " ".join(line[2:].strip() for line in doc.splitlines())
        event = NAME.search(body)
        if not event:
            shapes.append(f"| `{name}` | | | | {cells} | {about} |")
            continue
        topic, kind, version = event.groups()
        if topic == "kTopic":  # the namespace's
            topic = [t for start, t in namespaces if start < match.start()][-1]
        topic = topic.strip('"')
        key = KEY.search(body).group(1)
        events.append(f"| `{kind}` | `{topic}` | {version} | `{key}` | {cells} | {about} |")
    head = "| event | topic | version | key | payload | when |\n|---|---|---|---|---|---|\n"
    return head + "\n".join(events + shapes) + "\n"


def main() -> int:
    readme = README.read_text()
    made = TABLE.sub(lambda m: m.group(1) + table(ROOT / m.group("header")) + m.group(4), readme)
    if "--check" in sys.argv[1:]:
        if made != readme:
            print("README.md's event tables differ from the headers: run scripts/event_docs.py", file=sys.stderr)
            return 1
        return 0
    README.write_text(made)
    return 0


if __name__ == "__main__":
    sys.exit(main())
