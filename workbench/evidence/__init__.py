"""The evidence finder: sentences of the sources that bear on one cell of the matrix.

`matching` finds an actor's names and an instrument's terms in text, `ranking` scores a
sentence and says why, `candidates` fetches sentences through the full-text index, `finder`
puts them together into suggestions, and `coverage` counts them for every cell.
"""
