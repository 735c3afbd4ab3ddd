"""Explorers: ipywidgets apps that wire controls to the models and the painters.

A notebook makes one call per explorer; everything the app does is tested here.
"""
