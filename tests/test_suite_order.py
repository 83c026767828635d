"""The suite's own order: its slowest modules are started first (``tests/conftest.py``)."""

from pathlib import Path

from tests.conftest import SLOWEST_MODULES, pytest_collection_modifyitems

PROJECT = Path(__file__).resolve().parent.parent


def test_each_module_started_first_is_a_file_of_the_suite():
    assert len(set(SLOWEST_MODULES)) == len(SLOWEST_MODULES)
    for path in SLOWEST_MODULES:
        assert (PROJECT / path).is_file(), path


class Item:
    def __init__(self, nodeid):
        self.nodeid = nodeid


def test_the_slowest_modules_come_first_and_every_other_test_keeps_its_place():
    names = [
        "tests/a.py::one",
        f"{SLOWEST_MODULES[1]}::x",
        "tests/b.py::two",
        f"{SLOWEST_MODULES[0]}::y",
        "tests/a.py::three",
    ]
    items = [Item(name) for name in names]
    pytest_collection_modifyitems(None, items)
    assert [item.nodeid for item in items] == [
        f"{SLOWEST_MODULES[0]}::y",
        f"{SLOWEST_MODULES[1]}::x",
        "tests/a.py::one",
        "tests/b.py::two",
        "tests/a.py::three",
    ]
