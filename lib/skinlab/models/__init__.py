"""Models: pure functions over the data. No plotting, no widgets.

``anatomy`` (layers and structures by body site), ``needling`` (depth, reach and
puncture density), ``healing`` (the cascade as three small models), ``evidence``
(claims, studies and safety) and ``scars`` (acne-scar types). ``checks`` holds the
input checks they share.
"""

__all__: list[str] = []
