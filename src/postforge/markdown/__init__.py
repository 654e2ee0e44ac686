"""Markdown conversion as Jekyll does it with kramdown: the converter and its typography."""
