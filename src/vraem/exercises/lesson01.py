"""Checked exercises of lesson 01."""
