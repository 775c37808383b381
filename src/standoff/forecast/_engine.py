"""Which kernel runs the challenge model: numpy, or compiled with numba (:func:`choose_engine`).

Both give the same results to the bit where numpy's ``exp``, ``log`` and ``pow`` are the C
library's (:func:`~standoff.forecast._compiled.libm_like_numpy`); the compiled kernel is two to
three times faster, but its first use compiles for about ten seconds (then it loads from numba's
on-disk cache in about one), and numba is an optional dependency (``standoff[fast]``). So
``"auto"`` takes it only for large jobs, only where it gives numpy's bits, and only where it
computes the model asked for (Q = 1, no rounds kept).
"""

from __future__ import annotations

import functools
from typing import Literal

from standoff.forecast._parameters import ChallengeParameters

__all__ = ["AUTO_WORK", "ENGINES", "Engine", "choose_engine", "compiled_usable", "load_compiled"]

Engine = Literal["auto", "numpy", "compiled"]
ENGINES: tuple[Engine, ...] = ("auto", "numpy", "compiled")
AUTO_WORK = 100_000_000
"""The pair-rounds (runs × actors² × round limit) from which ``"auto"`` compiles: a few seconds
of the numpy kernel when the runs take every round (less when they settle sooner), against 10 s
for a first compile and 1 s to load a compiled one."""


@functools.cache
def compiled_usable() -> str | None:
    """Why the compiled engine cannot run here, or None when it can (numba imports)."""
    try:
        import standoff.forecast._compiled  # noqa: F401
    except ImportError as error:
        return f"the compiled engine needs numba ({error}); install it with 'standoff[fast]'"
    return None


def load_compiled() -> None:
    """Compile the compiled kernel, or load it from numba's cache, now (about 10 s the first
    time, under 1 s after): before worker processes start, or before a timed run."""
    import numpy as np

    from standoff.forecast._compiled import run_compiled

    ones = np.ones((1, 1))
    run_compiled(0 * ones, ones, ones, rounds=1, tolerance=0.0)


@functools.cache
def _same_bits() -> bool:
    from standoff.forecast._compiled import libm_like_numpy

    return libm_like_numpy()


def choose_engine(
    engine: str, parameters: ChallengeParameters, work: int, *, keep: bool = False
) -> Literal["numpy", "compiled"]:
    """The kernel to run ``work`` pair-rounds (runs × actors² × round limit) with.

    Parameters
    ----------
    engine
        ``"numpy"``, ``"compiled"`` or ``"auto"``: the compiled kernel when numba is installed,
        it computes these parameters with the numpy kernel's bits, and ``work`` is at least
        :data:`AUTO_WORK`; numpy otherwise.
    parameters
        The model's parameters.
    work
        The size of the job.
    keep
        Whether every round's arrays are kept (only the numpy kernel keeps them).

    Raises
    ------
    ValueError
        For an unknown engine, or ``"compiled"`` where it cannot run.

    Examples
    --------
    >>> choose_engine("auto", ChallengeParameters(), work=1_000)
    'numpy'
    >>> choose_engine("compiled", ChallengeParameters(q=0.5), work=1_000)
    Traceback (most recent call last):
    ...
    ValueError: the compiled engine computes the model with Q = 1 only, got Q = 0.5
    """
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(ENGINES)}, got {engine!r}")
    if engine == "numpy":
        return "numpy"
    refusal = None
    if parameters.q != 1:
        refusal = "the compiled engine computes the model with Q = 1 only, got Q = "
        refusal += f"{parameters.q:g}"
    elif keep:
        refusal = "the compiled engine keeps no rounds; use the numpy engine to keep them"
    if engine == "compiled":
        refusal = refusal or compiled_usable()
        if refusal:
            raise ValueError(refusal)
        return "compiled"
    if refusal or work < AUTO_WORK or compiled_usable() or not _same_bits():
        return "numpy"
    return "compiled"
