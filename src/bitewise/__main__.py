"""`python -m bitewise …`: the same as the `bitewise` command."""

from bitewise.cli import main

main()
