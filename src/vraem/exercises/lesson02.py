"""Checked exercises of lesson 02."""
