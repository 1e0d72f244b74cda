"""The type stubs name what the module has, and the module what the stubs name."""

import ast
import inspect
from pathlib import Path

import tidings
import tidings._tidings as native

STUBS = Path(tidings.__file__).with_name("_tidings.pyi")


def stub_names():
    tree = ast.parse(STUBS.read_text(encoding="utf-8"))
    top, members = set(), {}
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            top.add(node.name)
        if isinstance(node, ast.ClassDef):
            members[node.name] = {
                n.name for n in node.body if isinstance(n, ast.FunctionDef) and n.name != "__init__"
            }
        if isinstance(node, ast.AnnAssign):
            top.add(node.target.id)
    return top, members


def test_the_stubs_and_the_module_agree():
    assert (Path(tidings.__file__).parent / "py.typed").exists()
    top, members = stub_names()
    public = {n for n in dir(native) if not n.startswith("_")} | {"__version__"}
    assert top == public
    assert set(tidings.__all__) == public
    for cls in ("Post", "Learner"):
        have = {n for n, _ in inspect.getmembers(getattr(native, cls)) if not n.startswith("_")}
        assert members[cls] == have, cls


def test_everything_public_has_a_docstring():
    for name in tidings.__all__:
        item = getattr(tidings, name)
        if inspect.isclass(item) or callable(item):
            assert item.__doc__, name
    for cls in (tidings.Post, tidings.Learner):
        for name, member in inspect.getmembers(cls):
            if not name.startswith("_"):
                assert member.__doc__ or getattr(cls, name).__doc__, "%s.%s" % (cls.__name__, name)
