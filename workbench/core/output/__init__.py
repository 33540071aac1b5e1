"""Text and tables leaving the program: money formatting, export rows and writers, the sanitiser."""
