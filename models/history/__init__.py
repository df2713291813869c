"""Every historical version of mmap_action, as a design of its own.

``VERSIONS`` lists them in the order the code went through them (mainline
order, with the mm-new version that never reached mainline where it was);
``models/__init__.py`` registers each in ``DESIGNS``.  ``BUGS``
(``models.history.bugs``) lists the known bugs and the versions that have
them.  Importing this package also registers the mutants of
``models.history.mutants``.
"""
from __future__ import annotations

from models.design import Design
from models.history import mutants as _mutants  # noqa: F401  (registers into MUTANTS)
from models.history.v_382c0f2 import V382c0f2
from models.history.v_619eab2 import V619eab2
from models.history.v_7_0_y import V70y
from models.history.v_ac0a3fc import VAc0a3fc
from models.history.v_c50ca15 import VC50ca15
from models.history.v_f96e1d5 import VF96e1d5
from models.history.v_mmnew_v2 import VMmNewV2
from models.history.v_override import VOverride

VERSIONS: tuple[Design, ...] = (
    VAc0a3fc(), VMmNewV2(), VF96e1d5(), V382c0f2(), VC50ca15(), V619eab2(), V70y(), VOverride(),
)
VERSION_NAMES: tuple[str, ...] = tuple(v.name for v in VERSIONS)
