"""A PEP 517 / PEP 660 build backend for this one pure-Python package.

Why not setuptools: pip builds in an isolated environment and would have
to download setuptools first, which fails on a machine without access to
PyPI. This backend needs only the standard library, so
`pip install ./bindings/python` works offline. It packs smtpreply/ (with
py.typed) into a wheel whose metadata comes from pyproject.toml.
"""
import base64
import hashlib
import io
import os
import re
import tarfile
import zipfile

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PACKAGE = "smtpreply"
TAG = "py3-none-any"


def _project():
    with open(os.path.join(HERE, "pyproject.toml"), encoding="utf-8") as f:
        text = f.read()
    try:
        import tomllib  # Python 3.11+
        return tomllib.loads(text)["project"]
    except ImportError:  # older Pythons: the few keys used here, as written above
        section = text.split("[project]", 1)[1].split("\n[", 1)[0]
        return {k: v for k, v in re.findall(r'^(\w[\w-]*) = "([^"]*)"', section, re.M)}


def _metadata():
    p = _project()
    lines = ["Metadata-Version: 2.1", "Name: " + p["name"], "Version: " + p["version"],
             "Summary: " + p.get("description", ""),
             "Requires-Python: " + p.get("requires-python", ">=3.8")]
    lic = p.get("license")
    if isinstance(lic, dict) and "text" in lic:
        lines.append("License: " + lic["text"])
    for c in p.get("classifiers", []) if isinstance(p.get("classifiers"), list) else []:
        lines.append("Classifier: " + c)
    readme = os.path.join(HERE, "README.md")
    body = ""
    if os.path.exists(readme):
        lines.append("Description-Content-Type: text/markdown")
        with open(readme, encoding="utf-8") as f:
            body = "\n" + f.read()
    return p["name"], p["version"], "\n".join(lines) + "\n" + body


def _files():
    """(archive name, path) of every file of the package, sorted."""
    out = []
    root = os.path.join(HERE, PACKAGE)
    for d, dirs, files in os.walk(root):
        dirs[:] = sorted(x for x in dirs if x != "__pycache__")
        for name in sorted(files):
            if name.endswith((".py", ".typed")):
                path = os.path.join(d, name)
                out.append((os.path.relpath(path, HERE).replace(os.sep, "/"), path))
    return out


def _digest(data):
    h = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
    return "sha256=" + h.decode()


def _write_wheel(wheel_directory, entries):
    """entries: list of (archive name, bytes). Adds dist-info, returns the name."""
    name, version, metadata = _metadata()
    dist = "%s-%s.dist-info" % (name, version)
    entries = list(entries) + [
        (dist + "/METADATA", metadata.encode("utf-8")),
        (dist + "/WHEEL", ("Wheel-Version: 1.0\nGenerator: smtpreply_build\n"
                           "Root-Is-Purelib: true\nTag: %s\n" % TAG).encode()),
        (dist + "/top_level.txt", (PACKAGE + "\n").encode()),
    ]
    record = "".join("%s,%s,%d\n" % (n, _digest(d), len(d)) for n, d in entries)
    record += dist + "/RECORD,,\n"
    entries.append((dist + "/RECORD", record.encode()))
    filename = "%s-%s-%s.whl" % (name, version, TAG)
    with zipfile.ZipFile(os.path.join(wheel_directory, filename), "w",
                         zipfile.ZIP_DEFLATED) as z:
        for n, d in entries:
            info = zipfile.ZipInfo(n, date_time=(2020, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, d)
    return filename


def _read(path):
    with open(path, "rb") as f:
        return f.read()


def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []


def get_requires_for_build_editable(config_settings=None):
    return []


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    return _write_wheel(wheel_directory, [(n, _read(p)) for n, p in _files()])


def build_editable(wheel_directory, config_settings=None, metadata_directory=None):
    # A .pth line puts this folder on sys.path: edits show without reinstalling.
    return _write_wheel(wheel_directory, [("smtpreply_editable.pth", (HERE + "\n").encode())])


def build_sdist(sdist_directory, config_settings=None):
    name, version, metadata = _metadata()
    base = "%s-%s" % (name, version)
    filename = base + ".tar.gz"
    members = [("pyproject.toml", os.path.join(HERE, "pyproject.toml")),
               ("build_backend/smtpreply_build.py", os.path.abspath(__file__))]
    for extra in ("README.md",):
        if os.path.exists(os.path.join(HERE, extra)):
            members.append((extra, os.path.join(HERE, extra)))
    members += _files()
    with tarfile.open(os.path.join(sdist_directory, filename), "w:gz") as t:
        for n, p in members:
            t.add(p, arcname=base + "/" + n)
        info = tarfile.TarInfo(base + "/PKG-INFO")
        data = metadata.encode("utf-8")
        info.size = len(data)
        info.mode = 0o644
        t.addfile(info, io.BytesIO(data))
    return filename
