"""The Textual user interface: a thin layer over workbench.core."""
