"""Pure-Python parsers: no Django import here; they return dataclasses."""
