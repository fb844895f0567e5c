"""Test-only helpers shared by tests/ and bench/: the extraction scorer (evaluate) and the
builder of tiny real Argos packages (argos_build).  Not part of the installed package.
"""
