"""Compile time of generated rule sets, cold (parse, validate, compile) and from the cache."""

from __future__ import annotations

import pytest

from stancekit.compiler.cache import compile_rules


@pytest.mark.parametrize("rules", [10, 100, 1000, 10000])
def test_compile_cold(benchmark, rule_file, tmp_path, rules):
    path = rule_file(rules)
    benchmark.extra_info["rules"] = rules
    benchmark.pedantic(
        lambda: compile_rules([path], use_cache=False), rounds=1 if rules == 10000 else 3, warmup_rounds=0
    )


@pytest.mark.parametrize("rules", [10, 100, 1000, 10000])
def test_compile_from_cache(benchmark, rule_file, tmp_path, rules):
    path = rule_file(rules)
    compile_rules([path], cache_dir=tmp_path)  # the cold run that fills the cache
    loaded = benchmark(lambda: compile_rules([path], cache_dir=tmp_path))
    assert loaded.from_cache
    benchmark.extra_info["rules"] = rules
