"""Worker processes: how many, and results in the order of the tasks."""
from __future__ import annotations

import pytest

from verify.errors import UsageError
from verify.workers import default_jobs, starmap, worker_count


def test_worker_count_is_bounded_by_the_tasks_and_at_least_one():
    assert worker_count(None, 1000) == default_jobs() >= 1
    assert worker_count(8, 3) == 3
    assert worker_count(4, 0) == 1
    with pytest.raises(UsageError, match="jobs must be at least 1, not 0"):
        worker_count(0, 5)


@pytest.mark.parametrize("jobs", [1, 2])
def test_starmap_keeps_the_order_of_the_tasks(jobs):
    args = [(b, e) for b in range(2, 6) for e in range(3)]
    results, used = starmap(pow, args, jobs)
    assert results == [pow(*a) for a in args]
    assert used == min(jobs, len(args))
