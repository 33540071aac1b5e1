"""The data core: loading, validation, maths, search. Never imports textual."""
