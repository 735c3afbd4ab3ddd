"""Explorers: ipywidgets apps that wire controls to the models and the pictures.

A notebook makes one call per explorer; everything an app does is tested here.
``base`` holds the machinery they share (frames, blitting, readout, static fallback),
``controls`` the accessible slider, ``registry`` the list of every explorer, and one
module per topic (``anatomy``, ``needling``, ``healing``, ``evidence``) the apps.
"""

__all__: list[str] = []
