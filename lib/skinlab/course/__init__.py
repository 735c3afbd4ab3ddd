"""The course's own helpers: self-checks, exercise checkers, notebook display, launchers.

``quiz`` (multiple-choice self-checks with feedback in words), ``exercises`` (checkers
that run a student's function and answer in words), ``notebook`` (show a picture with
its alt text; list a notebook's sources) and ``launch`` (``make lab`` and
``make present``).
"""

__all__: list[str] = []
