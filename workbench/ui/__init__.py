"""The window. The only package that imports Qt; nothing outside it imports it."""
