"""Big worlds: a clear message before a build the memory cannot hold, and a progress bar."""

from __future__ import annotations

import pytest

import casekit
from casekit import _building


def test_a_world_too_big_for_memory_is_refused_before_it_starts(monkeypatch):
    monkeypatch.setattr(_building, "available_memory", lambda: 2e9)
    calls = []
    monkeypatch.setattr(casekit.synth, "make_world", lambda *a, **k: calls.append(a))
    with pytest.raises(ValueError, match=r"world: n_customers=1,000,000 needs about 3\.7 GB .* "
                                         r"2\.0 GB free; choose at most 472,000 customers"):
        casekit.world(seed=7, n_customers=1_000_000)
    assert calls == []  # nothing was built


def test_the_estimate_follows_the_measured_builds():
    # bench_world.py measured 151 MB at 20,000 and 785 MB at 200,000 customers (peak RSS)
    assert 151e6 <= _building.needed_memory(20_000) <= 1.5 * 151e6
    assert 785e6 <= _building.needed_memory(200_000) <= 1.5 * 785e6


def test_unknown_memory_means_no_check(monkeypatch):
    monkeypatch.setattr(_building, "available_memory", lambda: None)
    _building.check_memory(10**9)  # no exception: nothing to compare with


def test_progress_bar_follows_the_generator_and_ends_full():
    seen = []

    def make_world(seed, n, *, progress=None):
        for f in (0.25, 0.5, 1.0):
            progress(f)
            seen.append(f)
        return ("world", seed, n)

    bars = []
    real = _building._Bar

    class Spy(real):
        def __init__(self, n):
            super().__init__(n)
            bars.append(self)

    _building._Bar, old = Spy, _building._Bar
    try:
        assert _building.build(make_world, 3, 500_000, show=True) == ("world", 3, 500_000)
    finally:
        _building._Bar = old
    (bar,) = bars
    assert seen == [0.25, 0.5, 1.0] and bar.reported == 1.0
    assert bar.bar.value == 1.0 and bar.bar.bar_style == "success"
    assert bar.label.value.startswith("Built a world of 500,000 customers in ")


def test_a_failed_build_says_so():
    def broken(seed, n):
        raise RuntimeError("disk full")

    bars = []

    class Spy(_building._Bar):
        def __init__(self, n):
            super().__init__(n)
            bars.append(self)

    old, _building._Bar = _building._Bar, Spy
    try:
        with pytest.raises(RuntimeError, match="disk full"):
            _building.build(broken, 0, 200_000, show=True)
    finally:
        _building._Bar = old
    assert bars[0].bar.bar_style == "danger" and "failed" in bars[0].label.value


def test_small_worlds_and_plain_python_show_nothing(capsys):
    assert _building.build(lambda s, n: (s, n), 1, 500) == (1, 500)
    assert _building.build(lambda s, n: (s, n), 1, 5_000_000) == (1, 5_000_000)  # not a kernel
    assert capsys.readouterr().out == ""
