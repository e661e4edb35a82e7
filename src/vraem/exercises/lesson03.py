"""Checked exercises of lesson 03."""
