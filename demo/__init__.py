"""The demo communes: their texts as data files per commune, and the builder that loads them.

Installed in development and tests only (``manage.py load_demo``); a production deployment does not
list this app, nor install its tools (``requirements-demo.txt``).
"""
